import { and, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { accounts, timelineEvents, users } from '../db/schema/index.ts';
import { accountVisible, loadVisibleAccount } from '../auth/access.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { feedItemsBefore } from '../feed/list-feed.ts';
import type { FeedItem } from '../feed/kinds.ts';

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

const id = z.string().regex(/^\d{1,18}$/);
const cursorShape = z.tuple([id]);
/** My timeline reads two tables: the last timeline id and the last feed id it gave (null: none yet). */
const mineCursorShape = z.tuple([id.nullable(), id.nullable()]);

async function page(deps: Deps, where: SQL, query: { cursor?: string; limit: number }) {
  const before = decodeCursor(query.cursor, cursorShape)?.[0] ?? null;
  const rows = await eventsBefore(deps, where, before, query.limit);
  const more = rows.length > query.limit;
  const items = more ? rows.slice(0, query.limit) : rows;
  const last = items.at(-1);
  return { data: items, nextCursor: more && last ? encodeCursor([last.id]) : null };
}

/** Up to `limit + 1` events below id `before` (null: the newest), newest first. */
async function eventsBefore(
  deps: Deps,
  where: SQL,
  before: string | null,
  limit: number,
): Promise<TimelineItem[]> {
  const rows = await deps.db
    .select({ e: timelineEvents, accountName: accounts.name, actorName: users.name })
    .from(timelineEvents)
    .leftJoin(accounts, eq(accounts.id, timelineEvents.accountId))
    .leftJoin(users, eq(users.id, timelineEvents.actorId))
    .where(and(where, before ? lt(timelineEvents.id, Number(before)) : undefined))
    .orderBy(desc(timelineEvents.id))
    .limit(limit + 1);
  return rows.map(({ e, accountName, actorName }): TimelineItem => ({
    id: String(e.id),
    type: e.type,
    account: e.accountId ? { id: e.accountId, name: accountName ?? '' } : null,
    taskId: e.taskId,
    actor: e.actorId ? { id: e.actorId, name: actorName ?? '' } : null,
    userId: e.userId,
    payload: e.payload,
    createdAt: e.createdAt.toISOString(),
  }));
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

/**
 * My Portfolio timeline: events addressed to me and the celebrate/notify notices of plays, which
 * live in my feed (one row per member; the account's timeline has the account's own entry), merged
 * newest first, both on accounts I can still see.
 */
export async function listMyTimeline(
  deps: Deps,
  actor: Actor,
  query: { cursor?: string; limit: number },
) {
  const [eventsAfter, noticesAfter] = decodeCursor(query.cursor, mineCursorShape) ?? [null, null];
  const events = await eventsBefore(
    deps,
    and(
      eq(timelineEvents.workspaceId, actor.workspaceId),
      eq(timelineEvents.userId, actor.userId),
      or(isNull(timelineEvents.accountId), accountVisible(actor, timelineEvents.accountId)),
    )!,
    eventsAfter,
    query.limit,
  );
  const notices = (
    await feedItemsBefore(deps, actor, {
      before: noticesAfter === null ? null : Number(noticesAfter),
      limit: query.limit,
      kinds: NOTICE_KINDS,
    })
  ).filter(isNotice);
  // A merge of two newest-first lists: the cursor keeps each list's place.
  const data: TimelineItem[] = [];
  let [e, n] = [0, 0];
  while (data.length < query.limit && (e < events.length || n < notices.length)) {
    const event = events[e];
    const notice = notices[n];
    if (event && (!notice || event.createdAt >= notice.createdAt)) {
      data.push(event);
      e++;
    } else {
      data.push(noticeAsEvent(notice!, actor.userId));
      n++;
    }
  }
  const more = e < events.length || n < notices.length;
  const cursor = [
    e > 0 ? events[e - 1]!.id : eventsAfter,
    n > 0 ? notices[n - 1]!.id : noticesAfter,
  ];
  return { data, nextCursor: more ? encodeCursor(cursor) : null };
}

const NOTICE_KINDS = ['celebrate', 'notify'] as const;
type Notice = Extract<FeedItem, { kind: (typeof NOTICE_KINDS)[number] }>;
const isNotice = (f: FeedItem): f is Notice => f.kind === 'celebrate' || f.kind === 'notify';

/** A play's celebrate/notify feed item as the timeline entry it stands for (ids apart from events'). */
function noticeAsEvent(f: Notice, userId: string): TimelineItem {
  const { message, style, play } = f.payload;
  return {
    id: `feed-${f.id}`,
    type: f.kind,
    account: f.account,
    taskId: null,
    actor: null,
    userId,
    payload: { message, style, playId: play.id, playName: play.name },
    createdAt: f.createdAt,
  };
}
