import { z } from 'zod';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { defineJob } from '../../jobs/registry.ts';
import { plays } from '../../db/schema/index.ts';
import { dependsOnTime } from '../../segments/criteria.ts';
import { asPlay, isEventPlay } from '../queries.ts';
import { drainChanges } from './process-changes.ts';
import { refreshMembership } from './membership.ts';
import { runRecurring } from './recurring.ts';
import { advanceJourneysJob, advanceJourneysSchedule } from '../journeys/jobs.ts';
import { sweepJourneys } from '../journeys/sweep.ts';

/** Drains the change outbox (several workers may run it at once: rows are claimed with SKIP LOCKED). */
export const processChangesJob = defineJob({
  name: 'plays-process-changes',
  payload: z.object({}),
  handler: async (deps) => {
    await drainChanges(deps, { maxMs: 50_000 });
  },
  options: { retryLimit: 1, expireInSeconds: 300 },
});

/**
 * Re-evaluates event plays whose criteria change with time alone (relative dates, task counts, live
 * segments), and prunes outbox rows processed more than a day ago (the engine is their only reader).
 */
export const sweepJob = defineJob({
  name: 'plays-sweep',
  payload: z.object({}),
  handler: async (deps) => {
    const rows = (
      await deps.db
        .select()
        .from(plays)
        .where(and(eq(plays.status, 'enabled')))
    ).map(asPlay);
    await sweepJourneys(deps, rows);
    for (const play of rows) {
      if (!isEventPlay(play) || !(dependsOnTime(play.criteria) || dependsOnTime(play.goalCriteria)))
        continue;
      await refreshMembership(deps, play, { fire: true, kind: 'sweep', triggeredBy: null });
    }
    await pruneProcessedChanges(deps.db, new Date(deps.clock.now().getTime() - 86_400_000));
  },
  options: { retryLimit: 1, expireInSeconds: 1800, policy: 'singleton' },
});

export const recurringJob = defineJob({
  name: 'plays-recurring',
  payload: z.object({ playId: z.uuid() }),
  handler: async (deps, p) => {
    await runRecurring(deps, p.playId);
  },
  options: { retryLimit: 2 },
});

export const playJobs = [processChangesJob, sweepJob, recurringJob, advanceJourneysJob];
/** Cron entries: the outbox every minute as a safety net behind the in-process consumer, the sweep every 15 minutes. */
export const playSchedules = [
  { job: processChangesJob, cron: '* * * * *', payload: {} },
  { job: sweepJob, cron: '*/15 * * * *', payload: {} },
  advanceJourneysSchedule,
];

/** Deletes processed outbox rows older than `before`, 10,000 per statement so no transaction grows large. */
export async function pruneProcessedChanges(db: DbOrTx, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`with gone as (delete from change_events where id in (
        select id from change_events where processed_at < ${before} order by id limit 10000) returning 1)
      select count(*)::int as n from gone`,
    );
    total += rows[0]?.n ?? 0;
    if ((rows[0]?.n ?? 0) < 10_000) return total;
  }
}
