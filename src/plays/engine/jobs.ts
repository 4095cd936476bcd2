import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { defineJob } from '../../jobs/registry.ts';
import { plays } from '../../db/schema/index.ts';
import { dependsOnTime } from '../../segments/criteria.ts';
import { asPlay, isEventPlay } from '../queries.ts';
import { drainChanges } from './process-changes.ts';
import { refreshMembership } from './membership.ts';
import { runRecurring } from './recurring.ts';

/** Drains the change outbox (several workers may run it at once: rows are claimed with SKIP LOCKED). */
export const processChangesJob = defineJob({
  name: 'plays-process-changes',
  payload: z.object({}),
  handler: async (deps) => { await drainChanges(deps, { maxMs: 50_000 }); },
  options: { retryLimit: 1, expireInSeconds: 300 },
});

/** Re-evaluates event plays whose criteria change with time alone (relative dates, task counts, live segments). */
export const sweepJob = defineJob({
  name: 'plays-sweep',
  payload: z.object({}),
  handler: async (deps) => {
    const rows = (await deps.db.select().from(plays).where(and(eq(plays.status, 'enabled')))).map(asPlay);
    for (const play of rows) {
      if (!isEventPlay(play) || !(dependsOnTime(play.criteria) || dependsOnTime(play.goalCriteria))) continue;
      await refreshMembership(deps, play, { fire: true, kind: 'sweep', triggeredBy: null });
    }
  },
  options: { retryLimit: 1, expireInSeconds: 1800, policy: 'singleton' },
});

export const recurringJob = defineJob({
  name: 'plays-recurring',
  payload: z.object({ playId: z.uuid() }),
  handler: async (deps, p) => { await runRecurring(deps, p.playId); },
  options: { retryLimit: 2 },
});

export const playJobs = [processChangesJob, sweepJob, recurringJob];
/** Cron entries: the outbox every minute as a safety net behind the in-process consumer, the sweep every 15 minutes. */
export const playSchedules = [
  { job: processChangesJob, cron: '* * * * *', payload: {} },
  { job: sweepJob, cron: '*/15 * * * *', payload: {} },
];
