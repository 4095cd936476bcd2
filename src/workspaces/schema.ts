import { z } from 'zod';
import { timeZoneSchema } from './time-zone.ts';
import { calendarName, workingDaysSchema } from '../working-days/schema.ts';

export const ownershipPolicySchema = z.enum([
  'ownership_only',
  'reassign_except_manual',
  'reassign_all',
]);

export const settingsSchema = z.object({
  /** SPEC §7: what happens to open tasks when an account role changes hands. */
  ownershipPolicy: ownershipPolicySchema,
  /** Send task e-mails even to users who opted out. */
  forceTaskEmails: z.boolean(),
  /** AI text generation on/off. */
  aiText: z.boolean(),
  /** SPEC §14: ISO weekdays (1 = Monday … 7 = Sunday) that count as working days. */
  workingDays: z.array(z.int()),
  /** SPEC §14: the holiday calendar of users whose teams have none. */
  holidayCalendar: z.string(),
});

export const workspaceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  settings: settingsSchema,
});

export const updateWorkspaceBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: timeZoneSchema.optional(),
  settings: z
    .strictObject({
      ownershipPolicy: ownershipPolicySchema.optional(),
      forceTaskEmails: z.boolean().optional(),
      aiText: z.boolean().optional(),
      workingDays: workingDaysSchema.optional(),
      holidayCalendar: calendarName.optional(),
    })
    .optional(),
});
export type UpdateWorkspaceInput = z.output<typeof updateWorkspaceBody>;

export const outboxQuery = z.strictObject({
  status: z.enum(['pending', 'sent', 'failed', 'outbox']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const outboxEmailSchema = z.object({
  id: z.uuid(),
  toAddress: z.string(),
  subject: z.string(),
  textBody: z.string(),
  htmlBody: z.string().nullable(),
  kind: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'outbox']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const outboxListSchema = z.object({
  data: z.array(outboxEmailSchema),
  nextCursor: z.string().nullable(),
});
