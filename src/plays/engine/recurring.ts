import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { plays } from '../../db/schema/index.ts';
import { matchingIds } from '../../segments/compile.ts';
import { dateIn } from '../../workspaces/dates.ts';
import { asPlay } from '../queries.ts';
import { fireRunFor } from './fire.ts';
import { loadEnv, playCondition } from './env.ts';

/** "Every N units" cadences are checked once a day at this local time; cron cadences run as written. */
export const DAILY_CHECK_CRON = '0 6 * * *';

/** True when an "every N days/weeks/months" cadence anchored on `anchor` falls on `today`. */
export function cadenceDue(
  every: { n: number; unit: 'days' | 'weeks' | 'months' },
  anchor: string,
  today: string,
): boolean {
  const a = new Date(`${anchor}T00:00:00Z`);
  const t = new Date(`${today}T00:00:00Z`);
  const days = Math.round((t.getTime() - a.getTime()) / 86_400_000);
  if (days < 0) return false;
  if (every.unit !== 'months') return days % (every.unit === 'weeks' ? every.n * 7 : every.n) === 0;
  const months = (t.getUTCFullYear() - a.getUTCFullYear()) * 12 + t.getUTCMonth() - a.getUTCMonth();
  const lastDay = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  // The 31st falls on the last day of shorter months.
  const day = Math.min(a.getUTCDate(), lastDay);
  return months % every.n === 0 && t.getUTCDate() === day;
}

/**
 * One recurring firing: every record meeting the criteria now; targets that still have an open
 * task from an action get nothing (the dedupe index). The day is claimed with a conditional
 * UPDATE so two workers running the same schedule fire once.
 */
export async function runRecurring(
  deps: Deps,
  playId: string,
): Promise<{ fired: boolean; runId?: string }> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(plays).where(eq(plays.id, playId));
    if (!row || row.status !== 'enabled') return { fired: false };
    const play = asPlay(row);
    const r = play.trigger.type === 'recurring' ? play.trigger.recurring : undefined;
    if (!r) return { fired: false };
    const env = await loadEnv(tx, play.workspaceId, deps.clock);
    const { today, timeZone } = env;
    if (r.every) {
      const anchor = dateIn(timeZone, play.enabledAt ?? play.createdAt);
      if (!cadenceDue(r.every, anchor, today)) return { fired: false };
      const claimed = await tx
        .update(plays)
        .set({ lastRecurringDate: today })
        .where(
          and(
            eq(plays.id, play.id),
            sql`${plays.lastRecurringDate} is distinct from ${today}::date`,
          ),
        )
        .returning({ id: plays.id });
      if (claimed.length === 0) return { fired: false };
    }
    const cond = await playCondition(tx, env, play, 'criteria');
    const targets = sql`select x.id as record_id from (${matchingIds(play.subject, play.workspaceId, cond)}) x`;
    const res = await fireRunFor(
      { deps, tx, play, env, chain: [], dryRun: false, triggeredBy: null },
      targets,
      'recurring',
    );
    return { fired: true, runId: res.runId };
  });
}
