import { z } from 'zod';

export const teamName = z.string().trim().min(1).max(100);

export const createTeamBody = z.strictObject({
  name: teamName,
  memberIds: z.array(z.uuid()).max(1000).optional(),
});
export const updateTeamBody = z.strictObject({ name: teamName });
export const setMembersBody = z.strictObject({ userIds: z.array(z.uuid()).max(1000) });

export const teamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  memberIds: z.array(z.uuid()),
  accountCount: z.number(),
});
export const teamListSchema = z.object({
  data: z.array(teamSchema),
  nextCursor: z.string().nullable(),
});
