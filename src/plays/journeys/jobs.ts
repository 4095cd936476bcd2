// Wake-ups (SPEC §13): the table says what is due; these jobs only say "look now". A cron each
// minute is the safety net; after each drain one delayed job waits for the earliest future wake-up.
import { z } from 'zod';
import { defineJob } from '../../jobs/registry.ts';
import { fireRunFor } from '../engine/fire.ts';
import { drainJourneys, nextWakeAt } from './advance.ts';

export const advanceJourneysJob = defineJob({
  name: 'journeys-advance',
  payload: z.object({}),
  handler: async (deps) => {
    await drainJourneys(deps, { fireRunFor, maxMs: 50_000 });
    const next = await nextWakeAt(deps.db);
    // One pending delayed job at most (singleton key); the cron covers a wake-up earlier than it.
    if (next && next > deps.clock.now())
      await deps.queue.send(
        advanceJourneysJob,
        {},
        { startAfter: next, singletonKey: 'next-wake' },
      );
  },
  options: { retryLimit: 2, expireInSeconds: 600, policy: 'short' },
});

export const advanceJourneysSchedule = { job: advanceJourneysJob, cron: '* * * * *', payload: {} };
