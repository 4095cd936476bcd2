import { z } from 'zod';

export const roleNameBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const accountRoleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  holderCount: z.number(),
});
export const accountRoleListSchema = z.object({
  data: z.array(accountRoleSchema),
  nextCursor: z.string().nullable(),
});
