// What a wait_until or a branch path tests, for a whole group of journeys at once.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { uuidArray } from '../../db/arrays.ts';
import { compileCriteria, matchingIds } from '../../segments/compile.ts';
import type { Criteria } from '../../segments/criteria.ts';
import type { PlayEnv } from '../engine/env.ts';
import type { Play } from '../queries.ts';
import type { JourneyState } from './state.ts';
import type { Step } from './steps.ts';

export type TaskOfStep = { taskId: string; status: string; outcome: string | null };

/** The records of `list` that meet `criteria` now (one statement). */
export async function meetingCriteria(
  tx: DbOrTx,
  env: PlayEnv,
  play: Play,
  criteria: Criteria,
  list: JourneyState[],
): Promise<Set<string>> {
  const cond = await compileCriteria(tx, play.workspaceId, play.subject, criteria, {
    today: env.today,
    now: env.now,
  });
  const alias = play.subject === 'accounts' ? sql`a.id` : sql`c.id`;
  const rows = await queryRows<{ id: string }>(
    tx,
    matchingIds(
      play.subject,
      play.workspaceId,
      cond,
      sql`${alias} = any(${uuidArray(list.map((s) => s.recordId))})`,
    ),
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Per journey, the task its latest run of action step `stepId` created for its record, or, when the
 * step made none because one from the same action was still open, that open task (`openTaskId`,
 * run-step.ts). Hash joins on the runs.
 */
export async function tasksOfStep(
  tx: DbOrTx,
  stepId: string,
  list: JourneyState[],
): Promise<Map<string, TaskOfStep>> {
  if (list.length === 0) return new Map();
  const rows = await queryRows<{
    journey_id: string;
    task_id: string;
    status: string;
    outcome: string | null;
  }>(
    tx,
    sql`with s as materialized (select v.id, v.record, l.run_id, l.open_task_id
        from unnest(${uuidArray(list.map((x) => x.id))}, ${uuidArray(list.map((x) => x.recordId))}) v(id, record)
        left join lateral (select js.run_id, (js.result->>'openTaskId')::uuid as open_task_id from journey_steps js
          where js.journey_id = v.id and js.step_id = ${stepId} order by js.visit desc limit 1) l on true),
      r as materialized (select r.run_id, r.record_id, r.task_id from play_run_results r
        where r.run_id in (select distinct run_id from s where run_id is not null) and r.action_id = ${stepId} and r.task_id is not null)
    select s.id as journey_id, t.id as task_id, t.status, t.outcome
    from s left join r on r.run_id = s.run_id and r.record_id = s.record
      join tasks t on t.id = coalesce(r.task_id, s.open_task_id)`,
  );
  return new Map(
    rows.map((r) => [r.journey_id, { taskId: r.task_id, status: r.status, outcome: r.outcome }]),
  );
}

/** A task counts as done when completed, and (outcomes given) with one of them. */
export const taskDone = (t: TaskOfStep | undefined, outcomes: string[] | undefined) =>
  !!t &&
  t.status === 'completed' &&
  (!outcomes?.length || (t.outcome !== null && outcomes.includes(t.outcome)));

type Branch = Extract<Step, { type: 'branch' }>;
type TaskWhen = Extract<Branch['paths'][number]['when'], { kind: 'task_completed' }>;

/**
 * Which path of a branch each journey takes now: paths tried in order, the first met wins (journey
 * id → path index; absent = "Otherwise"). A path on an earlier task's outcome asks `taskMet`; without
 * it (the dry run: the outcome is not known yet) the choice stops there and `undecidedFrom` is that
 * path's index, the journeys still open having no entry. The interpreter and the dry run share it.
 */
export async function choosePaths(
  tx: DbOrTx,
  env: PlayEnv,
  play: Play,
  step: Branch,
  group: JourneyState[],
  taskMet: ((when: TaskWhen, open: JourneyState[]) => Promise<Set<string>>) | null,
): Promise<{ chosen: Map<string, number>; undecidedFrom: number | null }> {
  const chosen = new Map<string, number>();
  for (const [i, p] of step.paths.entries()) {
    const open = group.filter((s) => !chosen.has(s.id));
    if (open.length === 0) break;
    if (p.when.kind === 'criteria') {
      const yes = await meetingCriteria(tx, env, play, p.when.criteria, open);
      for (const s of open) if (yes.has(s.recordId)) chosen.set(s.id, i);
    } else {
      if (!taskMet) return { chosen, undecidedFrom: i };
      const met = await taskMet(p.when, open);
      for (const s of open) if (met.has(s.id)) chosen.set(s.id, i);
    }
  }
  return { chosen, undecidedFrom: null };
}
