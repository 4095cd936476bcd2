import { z } from 'zod';
import { touchpointTypeField } from './types/schema.ts';

export const createTouchpointBody = z.object({
  /** A built-in (email, call, meeting, note) or an active workspace type's key (`GET /touchpoint-types`). */
  type: touchpointTypeField,
  subject: z.string().trim().min(1).max(300),
  body: z.string().max(100_000).default(''),
  /** Contacts of the account who took part. */
  participantIds: z.array(z.uuid()).max(100).optional(),
  /** Colleagues who took part: users who can see the account (`GET /accounts/{id}/assignable`). */
  userParticipantIds: z.array(z.uuid()).max(100).optional(),
  flowId: z.uuid().optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateTouchpointInput = z.infer<typeof createTouchpointBody>;

const ref = z.object({ id: z.uuid(), name: z.string() });
export const touchpointItem = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  type: z.string(),
  /** The type's words as the workspace names it now. */
  typeLabel: z.string(),
  subject: z.string(),
  body: z.string(),
  /** Contacts who took part. */
  participants: z.array(ref),
  /** Colleagues who took part. */
  userParticipants: z.array(ref),
  flow: ref.nullable(),
  taskId: z.uuid().nullable(),
  occurredAt: z.string(),
  createdBy: ref.nullable(),
  createdAt: z.string(),
});
export type TouchpointItem = z.infer<typeof touchpointItem>;

export const touchpointPage = z.object({
  data: z.array(touchpointItem),
  nextCursor: z.string().nullable(),
});
export const touchpointListQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
