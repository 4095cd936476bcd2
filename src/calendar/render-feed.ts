// The iCalendar body of a feed: the owner's open tasks as all-day events on their due dates.
import { publicBaseUrl } from '../config.ts';
import ical, { ICalEventBusyStatus } from 'ical-generator';
import { and, asc, eq } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { sha256 } from '../auth/credentials.ts';
import { accounts, calendarFeeds, tasks, users } from '../db/schema/index.ts';
import { priorityName } from '../tasks/priority.ts';
import { richTextToPlain } from '../tasks/rich-text.ts';

/** Enough for any person's open work; a feed is not an export. */
const MAX_EVENTS = 2000;
// iCalendar PRIORITY: 1 highest … 9 lowest.
const icalPriority = { 1: 1, 2: 5, 3: 9 } as Record<number, number>;

/** null when the token names no feed or its owner is disabled (answered as 404). */
export async function renderFeed(deps: Deps, token: string): Promise<string | null> {
  if (!/^pmc_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [feed] = await deps.db
    .select({ userId: calendarFeeds.userId, name: users.name, workspaceId: users.workspaceId })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, sha256(token)), eq(users.enabled, true)));
  if (!feed) return null;
  const rows = await deps.db
    .select({
      id: tasks.id,
      title: tasks.title,
      description: tasks.description,
      dueDate: tasks.dueDate,
      priority: tasks.priority,
      account: accounts.name,
      version: tasks.version,
    })
    .from(tasks)
    .innerJoin(accounts, eq(accounts.id, tasks.accountId))
    .where(
      and(
        eq(tasks.workspaceId, feed.workspaceId),
        eq(tasks.assigneeUserId, feed.userId),
        eq(tasks.status, 'open'),
      ),
    )
    .orderBy(asc(tasks.dueDate), asc(tasks.id))
    .limit(MAX_EVENTS);
  await deps.db
    .update(calendarFeeds)
    .set({ lastFetchedAt: deps.clock.now() })
    .where(eq(calendarFeeds.userId, feed.userId));

  const base = publicBaseUrl(deps.config);
  const calendar = ical({
    name: `Playmaker — ${feed.name}'s tasks`,
    prodId: { company: 'Playmaker', product: 'Tasks' },
    ttl: 15 * 60,
  });
  for (const t of rows) {
    const link = `${base}/portfolio?task=${t.id}`;
    calendar.createEvent({
      id: `${t.id}@playmaker`,
      // A task is edited in place: the version tells calendar apps which copy is newer.
      sequence: t.version,
      start: new Date(`${t.dueDate}T00:00:00Z`),
      allDay: true,
      summary: `${t.title} — ${t.account}`,
      description:
        `${richTextToPlain(t.description)}\n\nPriority: ${priorityName(t.priority)}\nOpen in Playmaker: ${link}`.trim(),
      url: link,
      priority: icalPriority[t.priority] ?? 5,
      busystatus: ICalEventBusyStatus.FREE,
    });
  }
  return calendar.toString();
}
