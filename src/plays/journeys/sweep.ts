// The periodic re-check (SPEC §13): exit criteria and "wait until criteria" can become true with time
// alone (relative dates, task counts), so the sweep wakes the journeys concerned; advancing ends or
// moves them (their step and exit rules are checked there, per version).
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { matchingIds } from '../../segments/compile.ts';
import { loadEnv, playCondition } from '../engine/env.ts';
import type { Play } from '../queries.ts';

export async function sweepJourneys(deps: Deps, enabled: Play[]) {
  for (const play of enabled) {
    if (!play.steps?.length) continue;
    await deps.db.transaction(async (tx) => {
      const env = await loadEnv(tx, play.workspaceId, deps.clock);
      const criteria = play.exitRules?.criteria;
      // Exit criteria of the version in force; journeys on older versions are re-checked when they wake.
      const exiting = criteria
        ? sql`or j.record_id in (${matchingIds(play.subject, play.workspaceId, await playCondition(tx, env, { ...play, criteria }, 'criteria'))})`
        : sql``;
      await tx.execute(sql`update journeys j set wake_at = ${env.now}
        where j.play_id = ${play.id}::uuid and j.ended_at is null and (j.wake_at is null or j.wake_at > ${env.now})
          and (j.waiting_for->>'kind' = 'criteria' ${exiting})`);
    });
  }
}
