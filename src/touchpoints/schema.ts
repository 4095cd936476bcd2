import { z } from 'zod';

export const createTouchpointBody = z.object({
  type: z.enum(['email', 'call', 'meeting', 'note']),
  subject: z.string().trim().min(1).max(300),
  body: z.string().max(100_000).default(''),
  participantIds: z.array(z.uuid()).max(100).optional(),
  flowId: z.uuid().optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateTouchpointInput = z.infer<typeof createTouchpointBody>;

const ref = z.object({ id: z.uuid(), name: z.string() });
export const touchpointItem = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  type: z.enum(['email', 'call', 'meeting', 'note']),
  subject: z.string(),
  body: z.string(),
  participants: z.array(ref),
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
