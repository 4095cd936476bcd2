import { and, count, desc, eq, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { accounts, feedItems, tasks } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import type { FeedItem, FeedKind } from './kinds.ts';

const cursorShape = z.tuple([z.string().regex(/^\d{1,18}$/)]);

/** My items only, on accounts I can still see (a lost team takes its items with it). */
export function mine(actor: Actor): SQL {
  return and(
    eq(feedItems.userId, actor.userId),
    eq(feedItems.workspaceId, actor.workspaceId),
    or(isNull(feedItems.accountId), accountVisible(actor, feedItems.accountId)),
  )!;
}

/** My feed, newest first (served by feed_items_user_idx), optionally only what I have not read. */
export async function listFeed(
  deps: Deps,
  actor: Actor,
  query: { cursor?: string; limit: number; unread?: boolean },
) {
  const before = decodeCursor(query.cursor, cursorShape)?.[0] ?? null;
  const rows = await feedItemsBefore(deps, actor, {
    ...query,
    before: before === null ? null : Number(before),
  });
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data.at(-1);
  return { data, nextCursor: more && last ? encodeCursor([last.id]) : null };
}

/**
 * Up to `limit + 1` of my items below id `before` (null: the newest), newest first, optionally only
 * unread ones or of some kinds (My Portfolio's timeline reads the play notices from here).
 */
export async function feedItemsBefore(
  deps: Deps,
  actor: Actor,
  query: { before: number | null; limit: number; unread?: boolean; kinds?: readonly FeedKind[] },
): Promise<FeedItem[]> {
  const rows = await deps.db
    .select({ f: feedItems, accountName: accounts.name, taskTitle: tasks.title })
    .from(feedItems)
    .leftJoin(accounts, eq(accounts.id, feedItems.accountId))
    // A deleted task is not linked to; the item still names it from its payload.
    .leftJoin(tasks, and(eq(tasks.id, feedItems.taskId), eq(tasks.workspaceId, actor.workspaceId)))
    .where(
      and(
        mine(actor),
        query.unread ? isNull(feedItems.readAt) : undefined,
        query.kinds ? inArray(feedItems.kind, query.kinds) : undefined,
        query.before !== null ? lt(feedItems.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(feedItems.id))
    .limit(query.limit + 1);
  return rows.map(
    ({ f, accountName, taskTitle }) =>
      ({
        id: String(f.id),
        kind: f.kind,
        payload: f.payload,
        account:
          f.accountId && accountName !== null ? { id: f.accountId, name: accountName } : null,
        task: f.taskId && taskTitle !== null ? { id: f.taskId, title: taskTitle } : null,
        createdAt: f.createdAt.toISOString(),
        readAt: f.readAt?.toISOString() ?? null,
      }) as FeedItem,
  );
}

/** How many of my items I have not read (served by feed_items_unread_idx). */
export async function unreadCount(deps: Deps, actor: Actor): Promise<number> {
  const [row] = await deps.db
    .select({ n: count() })
    .from(feedItems)
    .where(and(mine(actor), isNull(feedItems.readAt)));
  return row?.n ?? 0;
}
