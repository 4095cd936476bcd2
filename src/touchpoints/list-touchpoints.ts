import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { contacts, flows, touchpoints, users } from '../db/schema/index.ts';
import { loadVisibleAccount } from '../auth/access.ts';
import { contactName } from '../tasks/assignee.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import type { TouchpointItem } from './schema.ts';
import { touchpointTypeLabels } from './types/queries.ts';

const cursorShape = z.tuple([cursorPart.instant, cursorPart.id]);

const columns = {
  tp: touchpoints,
  flowName: flows.name,
  createdByName: users.name,
  // Microsecond precision for the cursor.
  occurredKey: sql<string>`to_char(${touchpoints.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

async function toItems(
  db: DbOrTx,
  workspaceId: string,
  rows: Array<{
    tp: typeof touchpoints.$inferSelect;
    flowName: string | null;
    createdByName: string | null;
  }>,
): Promise<TouchpointItem[]> {
  const contactIds = [...new Set(rows.flatMap((r) => r.tp.participantIds))];
  const userIds = [...new Set(rows.flatMap((r) => r.tp.userParticipantIds))];
  const people = contactIds.length
    ? await db.select().from(contacts).where(inArray(contacts.id, contactIds))
    : [];
  const colleagues = userIds.length
    ? await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, userIds))
    : [];
  const typeLabels = await touchpointTypeLabels(
    db,
    workspaceId,
    rows.map((r) => r.tp.type),
  );
  const contactNames = new Map(people.map((c) => [c.id, contactName(c)]));
  const userNames = new Map(colleagues.map((u) => [u.id, u.name]));
  // A participant deleted since keeps no name; it is dropped rather than shown blank.
  const named = (ids: string[], names: Map<string, string>) =>
    ids.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! }));
  return rows.map(({ tp, flowName, createdByName }) => ({
    id: tp.id,
    accountId: tp.accountId,
    type: tp.type,
    typeLabel: typeLabels.get(tp.type) ?? tp.type,
    subject: tp.subject,
    body: tp.body,
    participants: named(tp.participantIds, contactNames),
    userParticipants: named(tp.userParticipantIds, userNames),
    flow: tp.flowId ? { id: tp.flowId, name: flowName ?? '' } : null,
    taskId: tp.taskId,
    occurredAt: tp.occurredAt.toISOString(),
    createdBy: tp.createdById ? { id: tp.createdById, name: createdByName ?? '' } : null,
    createdAt: tp.createdAt.toISOString(),
  }));
}

function select(db: DbOrTx) {
  return db
    .select(columns)
    .from(touchpoints)
    .leftJoin(flows, eq(flows.id, touchpoints.flowId))
    .leftJoin(users, eq(users.id, touchpoints.createdById));
}

export async function touchpointById(db: DbOrTx, id: string): Promise<TouchpointItem> {
  const rows = await select(db).where(eq(touchpoints.id, id));
  const [item] = await toItems(db, rows[0]?.tp.workspaceId ?? '', rows);
  if (!item) throw new Error('touchpoint vanished');
  return item;
}

/** An account's touchpoints, newest first (served by touchpoints_account_idx). */
export async function listTouchpoints(
  deps: Deps,
  actor: Actor,
  accountId: string,
  query: { cursor?: string; limit: number },
) {
  const account = await loadVisibleAccount(deps.db, actor, accountId);
  const after = decodeCursor(query.cursor, cursorShape);
  const rows = await select(deps.db)
    .where(
      and(
        eq(touchpoints.accountId, account.id),
        eq(touchpoints.workspaceId, actor.workspaceId),
        after
          ? sql`(${touchpoints.occurredAt}, ${touchpoints.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(touchpoints.occurredAt), desc(touchpoints.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    data: await toItems(deps.db, actor.workspaceId, page),
    nextCursor: more && last ? encodeCursor([last.occurredKey, last.tp.id]) : null,
  };
}
