import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { auditEvents } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { errors } from '../http/errors.ts';
import { describeAuditEvent } from './describe-audit-event.ts';
import type { AuditEventOut, AuditFilters } from './schema.ts';

const cursorShape = z.tuple([cursorPart.instant, z.string().regex(/^\d{1,18}$/)]);
type Row = typeof auditEvents.$inferSelect;

/** The filters as SQL, always within the caller's workspace; a `from` after `to` is refused. */
export function auditWhere(actor: Actor, f: AuditFilters): SQL {
  if (f.from && f.to && new Date(f.from) > new Date(f.to))
    throw errors.field('query.from', 'must not be after query.to');
  return and(
    eq(auditEvents.workspaceId, actor.workspaceId),
    f.kind ? eq(auditEvents.kind, f.kind) : undefined,
    f.actorId ? eq(auditEvents.actorId, f.actorId) : undefined,
    f.from ? gte(auditEvents.createdAt, new Date(f.from)) : undefined,
    f.to ? lte(auditEvents.createdAt, new Date(f.to)) : undefined,
  )!;
}

/** One page of rows, newest first, after the keyset `after` (served by audit_events_ws_created_idx). */
export async function auditRows(
  db: DbOrTx,
  where: SQL,
  after: readonly [string, string] | null,
  limit: number,
): Promise<Row[]> {
  const keyset = after
    ? or(
        lt(auditEvents.createdAt, new Date(after[0])),
        and(eq(auditEvents.createdAt, new Date(after[0])), lt(auditEvents.id, Number(after[1]))),
      )
    : undefined;
  return db
    .select()
    .from(auditEvents)
    .where(and(where, keyset))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit);
}

export function toAuditOut(r: Row): AuditEventOut {
  return {
    id: String(r.id),
    createdAt: r.createdAt.toISOString(),
    actor: { id: r.actorId, name: r.actorName, via: r.via, ip: r.ip },
    kind: r.kind,
    target: { type: r.targetType, id: r.targetId, name: r.targetName },
    changes: r.changes,
    description: describeAuditEvent(r),
  };
}

/** Admins read the workspace's audit log, newest first, filtered by kind, actor and time. */
export async function listAuditEvents(
  deps: Deps,
  actor: Actor,
  query: AuditFilters & { cursor?: string; limit: number },
) {
  requireRole(actor, 'admin');
  const after = decodeCursor(query.cursor, cursorShape);
  const rows = await auditRows(deps.db, auditWhere(actor, query), after, query.limit + 1);
  const more = rows.length > query.limit;
  const data = (more ? rows.slice(0, query.limit) : rows).map(toAuditOut);
  const last = data.at(-1);
  return { data, nextCursor: more && last ? encodeCursor([last.createdAt, last.id]) : null };
}
