// Records entering a play with steps start journeys (SPEC §13) instead of firing its actions.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.ts';
import { uuidArray } from '../../db/arrays.ts';
import { timelinePayloadSql } from '../../timeline/payload-sql.ts';
import { LARGE_CHUNK, noCounts, type FireBase } from '../engine/context.ts';
import type { fireRunFor } from '../engine/fire.ts';
import { finishRun, startRun } from '../engine/runs.ts';
import type { Play } from '../queries.ts';
import { advanceStates, batchCtx } from './advance.ts';
import { JOURNEY_COLUMNS, toState, type JourneyRow } from './state.ts';
import { heldOutSql } from '../holdout.ts';

/** Whether firing this play starts journeys (a play without steps behaves exactly as before). */
export const isJourneyPlay = (p: Play) => !!p.steps?.length;

/** SQL: whether re-entry lets `rec` start a new journey of `play` now. */
function reentryAllowed(play: Play, rec: ReturnType<typeof sql>, now: Date) {
  const any = sql`exists (select 1 from journeys o where o.play_id = ${play.id}::uuid and o.record_id = ${rec}`;
  const r = play.reentry ?? { mode: 'after_end' as const };
  if (r.mode === 'once') return sql`not ${any})`;
  const running = sql`not ${any} and o.ended_at is null)`;
  if (r.mode === 'after_end') return running;
  return sql`${running} and not ${any} and o.entered_at > ${now}::timestamptz - make_interval(days => ${r.days}::int))`;
}

/**
 * ONE insert starts the journeys (re-entry rules, holdout fixed per record and play, the unique
 * index keeping one running journey per record), then the run is recorded and the new journeys are
 * advanced at once in the same transaction, so the first step lands as fast as a plain firing.
 */
export async function enterJourneys(
  base: FireBase,
  ids: string[],
  kind: Parameters<typeof startRun>[2],
  detail: Record<string, unknown>,
  runId: string,
  fire: typeof fireRunFor,
) {
  const { play, tx } = base;
  const now = base.env.now;
  await startRun(tx, play, kind, {
    id: runId,
    now,
    triggeredBy: base.triggeredBy,
    detail: { ...detail, chain: base.chain, journeys: true },
  });
  const first = play.steps![0]!.id;
  const account =
    play.subject === 'accounts'
      ? sql`x.id`
      : sql`(select c.account_id from contacts c where c.id = x.id)`;
  const holdout = heldOutSql(play, sql`x.id`);
  // The re-entry check reads journeys while the same statement inserts into it: with an
  // underestimated id list the planner picks a nested loop whose inner scan grows with every insert
  // (quadratic). Large sets get hash joins only, as the engine's firing does (context.ts LARGE_CHUNK).
  const large = ids.length > LARGE_CHUNK;
  if (large) await tx.execute(sql`select set_config('enable_nestloop', 'off', true)`);
  const entered = await queryRows<JourneyRow & { holdout: boolean }>(
    tx,
    sql`with x as (select distinct unnest(${uuidArray(ids)}) as id),
      ins as (insert into journeys (workspace_id, play_id, play_version, record_id, account_id, holdout, step_id, visit,
          step_started_at, wake_at, chain, entered_at, ended_at, end_reason)
        select ${play.workspaceId}::uuid, ${play.id}::uuid, ${play.publishedVersion}::int, x.id, ${account}, h.held,
          case when h.held then null else ${first} end, 1, ${now}, case when h.held then null else ${now}::timestamptz end,
          ${uuidArray(base.chain)}, ${now}, case when h.held then ${now}::timestamptz end, case when h.held then 'holdout' end
        from x cross join lateral (select ${holdout} as held) h
        where ${reentryAllowed(play, sql`x.id`, now)}
        on conflict do nothing
        returning *),
      tl as (insert into timeline_events (workspace_id, account_id, type, payload, created_at)
        select ${play.workspaceId}::uuid, j.account_id, 'journey_entered', ${timelinePayloadSql(
          'journey_entered',
          {
            playId: sql`${play.id}::text`,
            playName: sql`${play.name}::text`,
            journeyId: sql`j.id::text`,
            holdout: sql`j.holdout`,
            contactId: play.subject === 'contacts' ? sql`j.record_id::text` : undefined,
          },
        )}, ${now} from ins j where j.account_id is not null)
    select ${JOURNEY_COLUMNS}, j.holdout from ins j`,
  );
  if (large) await tx.execute(sql`select set_config('enable_nestloop', 'on', true)`);
  const running = entered.filter((r) => !r.holdout);
  await advanceStates(batchCtx(base.deps, tx, now, { fireRunFor: fire }), running.map(toState));
  const counts = { ...noCounts(), targets: entered.length, other: running.length };
  await finishRun(tx, runId, counts, now, {
    entered: entered.length,
    heldOut: entered.length - running.length,
  });
  return { ...counts, runId };
}
