import { z } from 'zod';
import { AUDIT_KINDS } from './events.ts';

const filters = {
  kind: z.enum(AUDIT_KINDS).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

export const auditListQuery = z.object({
  ...filters,
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const auditExportQuery = z.object(filters);
export type AuditFilters = z.infer<typeof auditExportQuery>;

export const auditEventSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  actor: z.object({
    id: z.string().nullable(),
    name: z.string(),
    via: z.string(),
    ip: z.string().nullable(),
  }),
  kind: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  changes: z.record(z.string(), z.unknown()),
  description: z.string(),
});
export const auditPageSchema = z.object({
  data: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditEventOut = z.infer<typeof auditEventSchema>;
