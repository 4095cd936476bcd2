// A user's own calendar feed: turn on (or rotate: the old URL dies), turn off, and whether it is on.
import { publicBaseUrl } from '../config.ts';
import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { randomToken, sha256 } from '../auth/credentials.ts';
import { calendarFeeds } from '../db/schema/index.ts';

/** The URL a calendar app subscribes to; the token in it is shown once. */
export const feedUrl = (deps: Deps, token: string) =>
  `${publicBaseUrl(deps.config)}/calendar/${token}.ics`;

export async function feedStatus(deps: Deps, actor: Actor) {
  const [row] = await deps.db
    .select()
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, actor.userId));
  return {
    enabled: Boolean(row),
    createdAt: row?.createdAt.toISOString() ?? null,
    lastFetchedAt: row?.lastFetchedAt?.toISOString() ?? null,
  };
}

/** Creates the feed, or replaces its secret (rotation); one upsert, so two clicks leave one feed. */
export async function createFeed(deps: Deps, actor: Actor): Promise<{ url: string }> {
  const token = `pmc_${randomToken(32)}`;
  const values = {
    userId: actor.userId,
    workspaceId: actor.workspaceId,
    tokenHash: sha256(token),
    createdAt: deps.clock.now(),
    lastFetchedAt: null,
  };
  await deps.db
    .insert(calendarFeeds)
    .values(values)
    .onConflictDoUpdate({
      target: calendarFeeds.userId,
      set: { tokenHash: values.tokenHash, createdAt: values.createdAt, lastFetchedAt: null },
    });
  return { url: feedUrl(deps, token) };
}

export async function revokeFeed(deps: Deps, actor: Actor): Promise<void> {
  await deps.db.delete(calendarFeeds).where(eq(calendarFeeds.userId, actor.userId));
}
