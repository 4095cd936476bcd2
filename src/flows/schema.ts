import { z } from 'zod';

export const flowNameBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const flowSchema = z.object({ id: z.uuid(), name: z.string(), taskCount: z.number() });
export const flowListSchema = z.object({
  data: z.array(flowSchema),
  nextCursor: z.string().nullable(),
});
