import { z } from 'zod';
import { calendarName } from '../working-days/schema.ts';

export const teamName = z.string().trim().min(1).max(100);

export const createTeamBody = z.strictObject({
  name: teamName,
  memberIds: z.array(z.uuid()).max(1000).optional(),
});
/** A new name and/or the team's holiday calendar (null: the workspace's, SPEC §14). */
export const updateTeamBody = z
  .strictObject({ name: teamName.optional(), holidayCalendar: calendarName.nullable().optional() })
  .refine((b) => b.name !== undefined || b.holidayCalendar !== undefined, {
    message: 'Send a name or a holiday calendar.',
  });
export type UpdateTeamInput = z.output<typeof updateTeamBody>;
export const setMembersBody = z.strictObject({ userIds: z.array(z.uuid()).max(1000) });

export const teamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  memberIds: z.array(z.uuid()),
  accountCount: z.number(),
  /** The team's holiday calendar; null: the workspace's. */
  holidayCalendar: z.string().nullable(),
});
export const teamListSchema = z.object({
  data: z.array(teamSchema),
  nextCursor: z.string().nullable(),
});
