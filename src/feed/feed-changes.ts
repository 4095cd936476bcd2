import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { uuidArray } from '../db/arrays.ts';

/** How long an id may wait for its transaction: a late commit below the newest id is still found. */
const HOLD_MS = 15_000;
/** Ids remembered per user and pass (a bigger burst still shows as new). */
const MAX_IDS = 500;

export type FeedWatcher = {
  /** The users among `userIds` who got feed items since the last poll (never two polls at once). */
  poll(userIds: string[]): Promise<Set<string>>;
};

/**
 * Which connected users got new feed items, for the live hub. Each poll reads, per user (through
 * feed_items_user_idx), the ids above the newest id of HOLD_MS ago and compares them with the last
 * poll's: a transaction that took a lower id and committed after a higher one is not missed.
 */
export function feedWatcher(db: Db): FeedWatcher {
  let marks: Array<{ at: number; id: number }> | null = null;
  const seen = new Map<string, Set<string>>();
  let running: Promise<Set<string>> | null = null;

  async function once(userIds: string[]): Promise<Set<string>> {
    const now = Date.now();
    const [row] = await queryRows<{ newest: string | null }>(
      db,
      sql`select max(id)::text as newest from feed_items`,
    );
    const newest = Number(row?.newest ?? 0);
    if (!marks) marks = [{ at: now, id: newest }];
    marks.push({ at: now, id: newest });
    while (marks.length > 1 && now - marks[1]!.at >= HOLD_MS) marks.shift();
    const low = marks[0]!.id;
    const rows = userIds.length
      ? await queryRows<{ user_id: string; ids: string[] }>(
          db,
          sql`select user_id::text, (array_agg(id::text order by id desc))[1:${MAX_IDS}] as ids
            from feed_items where user_id = any(${uuidArray(userIds)}) and id > ${low} group by user_id`,
        )
      : [];
    const told = new Set<string>();
    const current = new Map(rows.map((r) => [r.user_id, new Set(r.ids)]));
    for (const [user, ids] of current) {
      const before = seen.get(user);
      if (!before || [...ids].some((id) => !before.has(id))) told.add(user);
    }
    seen.clear();
    for (const [user, ids] of current) seen.set(user, ids);
    return told;
  }

  return {
    poll(userIds) {
      running ??= once(userIds).finally(() => {
        running = null;
      });
      return running;
    },
  };
}
