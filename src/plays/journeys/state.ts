// The interpreter's in-memory view of the journeys of one batch, and the few statements that persist it.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { intArray, textArray, uuidArray } from '../../db/arrays.ts';
import { timelinePayloadSql } from '../../timeline/payload-sql.ts';
import type { Play } from '../queries.ts';
import type { Step, WaitingFor } from './steps.ts';

export type EndReason =
  'end' | 'exit_criteria' | 'left_trigger' | 'removed' | 'holdout' | 'play_deleted';

/** One journey in a batch. `phase`: 'start' = its step has not begun; 'woken' = its wait is due. */
export type JourneyState = {
  id: string;
  workspaceId: string;
  playId: string;
  version: number;
  recordId: string;
  accountId: string;
  stepId: string;
  visit: number;
  waitingFor: WaitingFor | null;
  enteredAt: Date;
  chain: string[];
  phase: 'start' | 'woken';
  /** Set when the journey waits past this batch. */
  parked?: { wakeAt: Date | null; waitingFor: WaitingFor };
  ended?: EndReason;
};

export type JourneyRow = {
  id: string;
  workspace_id: string;
  play_id: string;
  play_version: number;
  record_id: string;
  account_id: string;
  step_id: string;
  visit: number;
  waiting_for: WaitingFor | null;
  entered_at: Date | string;
  chain: string[] | string;
};

export const JOURNEY_COLUMNS = sql.raw(
  'j.id, j.workspace_id, j.play_id, j.play_version, j.record_id, j.account_id, j.step_id, j.visit, j.waiting_for, j.entered_at, j.chain',
);

const pgArray = (v: string[] | string): string[] =>
  Array.isArray(v)
    ? v
    : v
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);

export const toState = (r: JourneyRow): JourneyState => ({
  id: r.id,
  workspaceId: r.workspace_id,
  playId: r.play_id,
  version: r.play_version,
  recordId: r.record_id,
  accountId: r.account_id,
  stepId: r.step_id,
  visit: r.visit,
  waitingFor: r.waiting_for,
  enteredAt: new Date(r.entered_at),
  chain: pgArray(r.chain),
  phase: r.waiting_for ? 'woken' : 'start',
});

/**
 * Records one step's execution per journey: the journey_steps primary key lets each (journey, step,
 * visit) in once, and the same statement writes the `journey_step` timeline entry of the rows that
 * went in. Answers the journeys that went in; the others had run it already.
 */
export async function recordSteps(
  tx: DbOrTx,
  play: Play,
  step: Step,
  rows: Array<{ s: JourneyState; result: { summary: string; next: string | null } & object }>,
  runId: string | null,
  now: Date,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const payload = timelinePayloadSql('journey_step', {
    playId: sql`${play.id}::text`,
    playName: sql`${play.name}::text`,
    journeyId: sql`i.journey_id::text`,
    stepId: sql`${step.id}::text`,
    stepName: sql`${step.name ?? ''}::text`,
    summary: sql`i.result->>'summary'`,
  });
  const got = await queryRows<{ journey_id: string }>(
    tx,
    sql`with v as (select * from unnest(${uuidArray(rows.map((r) => r.s.id))}, ${intArray(rows.map((r) => r.s.visit))},
        ${textArray(rows.map((r) => JSON.stringify(r.result)))}) as v(journey_id, visit, result)),
      i as (insert into journey_steps (journey_id, step_id, visit, workspace_id, play_id, play_version, run_id, at, result)
        select v.journey_id, ${step.id}, v.visit, ${play.workspaceId}::uuid, ${play.id}::uuid, ${play.publishedVersion}::int,
          ${runId}::uuid, ${now}, v.result::jsonb from v
        on conflict do nothing returning journey_id, result),
      tl as (insert into timeline_events (workspace_id, account_id, type, payload, created_at)
        select ${play.workspaceId}::uuid, j.account_id, 'journey_step', ${payload}, ${now}
        from i join journeys j on j.id = i.journey_id)
    select journey_id from i`,
  );
  return new Set(got.map((g) => g.journey_id));
}

/** Where journeys that had already run this step went (their stored `next`): a no-op replay. */
export async function storedNext(
  tx: DbOrTx,
  stepId: string,
  list: JourneyState[],
): Promise<Map<string, string | null>> {
  if (list.length === 0) return new Map();
  const rows = await queryRows<{ journey_id: string; next: string | null }>(
    tx,
    sql`select js.journey_id, js.result->>'next' as next from journey_steps js
      join unnest(${uuidArray(list.map((s) => s.id))}, ${intArray(list.map((s) => s.visit))}) v(id, visit)
        on js.journey_id = v.id and js.step_id = ${stepId} and js.visit = v.visit`,
  );
  return new Map(rows.map((r) => [r.journey_id, r.next]));
}

/** The visit number each journey's new step gets: one more than the times it ran before ("go to" loops). */
export async function assignVisits(tx: DbOrTx, moved: JourneyState[]) {
  if (moved.length === 0) return;
  const rows = await queryRows<{ id: string; visit: number }>(
    tx,
    sql`select v.id, coalesce((select max(js.visit) from journey_steps js where js.journey_id = v.id and js.step_id = v.step), 0) + 1 as visit
      from unnest(${uuidArray(moved.map((s) => s.id))}, ${textArray(moved.map((s) => s.stepId))}) v(id, step)`,
  );
  const by = new Map(rows.map((r) => [r.id, r.visit]));
  for (const s of moved) s.visit = by.get(s.id) ?? 1;
}

/** Writes every running journey's position, wake-up and what it waits for in ONE statement. */
export async function writeBack(tx: DbOrTx, list: JourneyState[], now: Date) {
  if (list.length === 0) return;
  await tx.execute(sql`update journeys j set step_id = v.step, visit = v.visit,
      wake_at = nullif(v.wake, '')::timestamptz, waiting_for = nullif(v.wf, '')::jsonb,
      step_started_at = case when j.step_id is distinct from v.step or j.visit <> v.visit or j.step_started_at is null then ${now} else j.step_started_at end
    from unnest(${uuidArray(list.map((s) => s.id))}, ${textArray(list.map((s) => s.stepId))}, ${intArray(list.map((s) => s.visit))},
      ${textArray(list.map((s) => (s.parked ? (s.parked.wakeAt?.toISOString() ?? '') : now.toISOString())))},
      ${textArray(list.map((s) => (s.parked ? JSON.stringify(s.parked.waitingFor) : s.phase === 'woken' && s.waitingFor ? JSON.stringify(s.waitingFor) : '')))}) v(id, step, visit, wake, wf)
    where j.id = v.id and j.ended_at is null`);
}
