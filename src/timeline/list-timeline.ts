import { and, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { accounts, timelineEvents, users } from '../db/schema/index.ts';
import { accountVisible, loadVisibleAccount } from '../auth/access.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';

export type TimelineItem = {
  id: string;
  type: string;
  account: { id: string; name: string } | null;
  taskId: string | null;
  actor: { id: string; name: string } | null;
  userId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
};

const cursorShape = z.tuple([z.string().regex(/^\d{1,18}$/)]);

async function page(deps: Deps, where: SQL, query: { cursor?: string; limit: number }) {
  const before = decodeCursor(query.cursor, cursorShape)?.[0] ?? null;
  const rows = await deps.db
    .select({ e: timelineEvents, accountName: accounts.name, actorName: users.name })
    .from(timelineEvents)
    .leftJoin(accounts, eq(accounts.id, timelineEvents.accountId))
    .leftJoin(users, eq(users.id, timelineEvents.actorId))
    .where(and(where, before ? lt(timelineEvents.id, Number(before)) : undefined))
    .orderBy(desc(timelineEvents.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const items = (more ? rows.slice(0, query.limit) : rows).map(
    ({ e, accountName, actorName }): TimelineItem => ({
      id: String(e.id),
      type: e.type,
      account: e.accountId ? { id: e.accountId, name: accountName ?? '' } : null,
      taskId: e.taskId,
      actor: e.actorId ? { id: e.actorId, name: actorName ?? '' } : null,
      userId: e.userId,
      payload: e.payload,
      createdAt: e.createdAt.toISOString(),
    }),
  );
  const last = items.at(-1);
  return { data: items, nextCursor: more && last ? encodeCursor([last.id]) : null };
}

/** An account's timeline, or one task's events on it, newest first (served by timeline_account_idx / timeline_task_idx). */
export async function listAccountTimeline(
  deps: Deps,
  actor: Actor,
  accountId: string,
  query: { cursor?: string; limit: number; taskId?: string },
) {
  const account = await loadVisibleAccount(deps.db, actor, accountId);
  return page(
    deps,
    and(
      eq(timelineEvents.accountId, account.id),
      eq(timelineEvents.workspaceId, actor.workspaceId),
      query.taskId ? eq(timelineEvents.taskId, query.taskId) : undefined,
    )!,
    query,
  );
}

/** My Portfolio feed: events addressed to me, on accounts I can still see (served by timeline_user_idx). */
export async function listMyTimeline(
  deps: Deps,
  actor: Actor,
  query: { cursor?: string; limit: number },
) {
  return page(
    deps,
    and(
      eq(timelineEvents.workspaceId, actor.workspaceId),
      eq(timelineEvents.userId, actor.userId),
      or(isNull(timelineEvents.accountId), accountVisible(actor, timelineEvents.accountId)),
    )!,
    query,
  );
}
