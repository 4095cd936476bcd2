// Runs one step for a group of journeys on the same (play version, step, phase): set-based, a fixed
// handful of statements per group whatever its size.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { intArray, uuidArray } from '../../db/arrays.ts';
import { actionModule } from '../actions/registry.ts';
import { chunkSize, noCounts, type ActionCounts } from '../engine/context.ts';
import type { PlayEnv } from '../engine/env.ts';
import { describeError, isTransient } from '../engine/errors.ts';
import type { fireRunFor } from '../engine/fire.ts';
import { finishRun, startRun } from '../engine/runs.ts';
import { idsSubquery, targetRows } from '../engine/targets.ts';
import type { Play } from '../queries.ts';
import type { Action } from '../schema.ts';
import { choosePaths, meetingCriteria, taskDone, tasksOfStep } from './conditions.ts';
import { findStep, laneStart, nextStep } from './next-step.ts';
import { recordSteps, storedNext, type JourneyState } from './state.ts';
import type { Duration, Step, WaitingFor } from './steps.ts';
import { wakeTimes } from './wait-time.ts';

export type BatchCtx = {
  deps: Deps;
  tx: DbOrTx;
  now: Date;
  env: (workspaceId: string) => Promise<PlayEnv>;
  fireRunFor: typeof fireRunFor;
  /** Journeys that moved to a new step this round (their visit numbers are assigned together). */
  moved: JourneyState[];
};

type Result = { summary: string; next: string | null } & Record<string, unknown>;

/** "3 working days": how a wait or a limit reads (the interpreter's summaries and the dry run). */
export const durationWords = (d: Duration) =>
  `${d.n} ${d.unit === 'working_days' ? 'working day' : d.unit === 'hours' ? 'hour' : 'day'}${d.n === 1 ? '' : 's'}`;

function move(c: BatchCtx, s: JourneyState, next: string | null) {
  if (next === null) {
    s.ended = 'end';
    return;
  }
  s.stepId = next;
  s.phase = 'start';
  s.waitingFor = null;
  c.moved.push(s);
}

/** Records the step per journey (exactly once) and moves each on: its own result, or the stored one on a replay. */
async function finish(
  c: BatchCtx,
  play: Play,
  step: Step,
  group: JourneyState[],
  result: (s: JourneyState) => Result,
  runId: string | null = null,
): Promise<JourneyState[]> {
  const results = new Map(group.map((s) => [s.id, result(s)]));
  const inserted = await recordSteps(
    c.tx,
    play,
    step,
    group.map((s) => ({ s, result: results.get(s.id)! })),
    runId,
    c.now,
  );
  const stored = await storedNext(
    c.tx,
    step.id,
    group.filter((s) => !inserted.has(s.id)),
  );
  const ran = group.filter((s) => inserted.has(s.id));
  for (const s of group)
    move(c, s, inserted.has(s.id) ? results.get(s.id)!.next : (stored.get(s.id) ?? null));
  return ran;
}

const park = (s: JourneyState, wakeAt: Date | null, waitingFor: WaitingFor) => {
  s.parked = { wakeAt, waitingFor };
  s.waitingFor = waitingFor;
};

export async function runGroup(c: BatchCtx, play: Play, step: Step, group: JourneyState[]) {
  const steps = play.steps ?? [];
  const after = nextStep(steps, step.id);
  switch (step.type) {
    case 'action':
      return runAction(c, play, step, group, after);
    case 'end':
      await finish(c, play, step, group, () => ({ summary: 'Reached the end', next: null }));
      return;
    case 'go_to': {
      const done = await doneVisits(c.tx, step.target, group);
      const target = findStep(steps, step.target);
      const label = target?.name ?? step.target;
      await finish(c, play, step, group, (s) => {
        const n = done.get(s.id) ?? 0;
        return n < step.maxVisits
          ? {
              summary: `Went back to "${label}" (time ${n + 1} of ${step.maxVisits})`,
              next: step.target,
            }
          : {
              summary: `Did not go back to "${label}": ${step.maxVisits} times already`,
              next: after,
            };
      });
      return;
    }
    case 'wait': {
      if (group[0]!.phase === 'start') return startWait(c, play, step, group);
      // Woken early (a change re-checked exit criteria): the wait goes on.
      const until = (s: JourneyState) => new Date(s.waitingFor?.until ?? 0);
      for (const s of group) if (until(s) > c.now) park(s, until(s), s.waitingFor!);
      const due = group.filter((s) => !s.parked);
      await finish(c, play, step, due, () => ({
        summary: `Waited ${durationWords(step.duration)}`,
        next: after,
      }));
      return;
    }
    case 'wait_until':
      return runWaitUntil(c, play, step, group, after);
    case 'branch':
      return runBranch(c, play, step, group);
  }
}

async function runAction(
  c: BatchCtx,
  play: Play,
  step: Extract<Step, { type: 'action' }>,
  group: JourneyState[],
  after: string | null,
) {
  // The stored id is the step id (validate-steps.ts); set here too so results always name the step.
  const action = { ...step.action, id: step.id } as Action;
  const module = actionModule(action.type);
  const runId = randomUUID();
  const chain = group[0]!.chain;
  const env = await c.env(play.workspaceId);
  await startRun(c.tx, play, 'journey', {
    id: runId,
    now: c.now,
    detail: { stepId: step.id, chain },
  });
  const words = module.describeDryRun(action);
  const ran = await finish(
    c,
    play,
    step,
    group,
    () => ({ summary: words.charAt(0).toUpperCase() + words.slice(1), next: after }),
    runId,
  );
  const ids = ran.map((s) => s.recordId);
  const total: ActionCounts = noCounts();
  const size = chunkSize(c.deps.dbKind);
  for (let i = 0; i < ids.length; i += size) {
    const chunk = ids.slice(i, i + size);
    const ctx = {
      deps: c.deps,
      tx: c.tx,
      play,
      env,
      chain,
      dryRun: false,
      triggeredBy: null,
      runId,
      targets: idsSubquery(chunk),
      count: chunk.length,
      today: env.today,
      now: c.now,
      timelineAction: null,
      fireRunFor: c.fireRunFor,
    };
    try {
      const got = await c.tx.transaction((sp) => module.fire({ ...ctx, tx: sp }, action));
      for (const k of Object.keys(total) as Array<keyof ActionCounts>) total[k] += got[k];
    } catch (err) {
      if (isTransient(err)) throw err;
      await c.tx
        .execute(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
        select ${runId}::uuid, ${play.id}::uuid, x.record_id, null, ${action.id}, 'error', ${JSON.stringify({ message: describeError(err) })}::jsonb, ${c.now}
        from (${ctx.targets}) x`);
      total.errors += chunk.length;
    }
  }
  await finishRun(c.tx, runId, { ...total, targets: ids.length }, c.now);
  if (total.skipped > 0 && (action.type === 'create_task' || action.type === 'request_information'))
    await noteBlockingTasks(c, play, step.id, runId, ran);
}

/**
 * A task step that made no task because one from the same action was still open (a "go to" loop, a
 * re-entry) records that open task as `openTaskId` in its journey_steps result, so a wait-until or a
 * branch on the step follows it (`tasksOfStep`). One statement for the whole group.
 */
async function noteBlockingTasks(
  c: BatchCtx,
  play: Play,
  stepId: string,
  runId: string,
  ran: JourneyState[],
) {
  const skipped = sql`select r.record_id from play_run_results r
    where r.run_id = ${runId}::uuid and r.action_id = ${stepId} and r.result = 'skipped_open_task'`;
  await c.tx.execute(sql`with tgt as (${targetRows(play, skipped)}),
      found as (select distinct on (tgt.record_id) tgt.record_id, x.id from tgt join tasks x
        on x.workspace_id = ${play.workspaceId}::uuid and x.status = 'open' and x.dedupe_key = ${`${play.id}:${stepId}:`} || tgt.target_key
        order by tgt.record_id, x.created_at desc)
    update journey_steps js set result = js.result || jsonb_build_object('openTaskId', f.id::text,
      'summary', 'Made no new task: the one from this step is still open')
    from found f join unnest(${uuidArray(ran.map((s) => s.id))}, ${uuidArray(ran.map((s) => s.recordId))}, ${intArray(ran.map((s) => s.visit))}) v(id, record, visit)
      on v.record = f.record_id
    where js.journey_id = v.id and js.step_id = ${stepId} and js.visit = v.visit`);
}

async function startWait(
  c: BatchCtx,
  play: Play,
  step: Extract<Step, { type: 'wait' }>,
  group: JourneyState[],
) {
  const env = await c.env(play.workspaceId);
  const wakes = await wakeTimes(c.tx, play, env.timeZone, group, step.duration, step.from, c.now);
  for (const s of group) {
    // An empty date attribute has nothing to wait for: the wait is over at once.
    const at = wakes.get(s.id) ?? c.now;
    const wf: WaitingFor = { kind: 'time', until: at.toISOString() };
    if (at <= c.now) {
      s.phase = 'woken';
      s.waitingFor = wf;
    } else park(s, at, wf);
  }
}

async function runWaitUntil(
  c: BatchCtx,
  play: Play,
  step: Extract<Step, { type: 'wait_until' }>,
  group: JourneyState[],
  after: string | null,
) {
  const env = await c.env(play.workspaceId);
  const starting = group.filter((s) => s.phase === 'start');
  if (starting.length) {
    const limits = await wakeTimes(
      c.tx,
      play,
      env.timeZone,
      starting,
      step.limit,
      { kind: 'previous_step' },
      c.now,
      step.until.kind === 'task_completed' ? step.until.stepId : null,
    );
    for (const s of starting)
      s.waitingFor = { kind: 'criteria', until: (limits.get(s.id) ?? c.now).toISOString() };
  }
  const until = step.until;
  let met: (s: JourneyState) => boolean;
  let metWords: (s: JourneyState) => string;
  const tasks =
    until.kind === 'task_completed' ? await tasksOfStep(c.tx, until.stepId, group) : null;
  if (until.kind === 'task_completed') {
    met = (s) => taskDone(tasks!.get(s.id), until.outcomes);
    metWords = (s) => {
      const o = tasks!.get(s.id)?.outcome;
      return o ? `The task was completed with the outcome "${o}"` : 'The task was completed';
    };
    for (const s of starting)
      s.waitingFor = {
        kind: 'task_completed',
        taskIds: tasks!.get(s.id) ? [tasks!.get(s.id)!.taskId] : [],
        ...(until.outcomes?.length ? { outcomes: until.outcomes } : {}),
        until: s.waitingFor!.until,
      };
  } else {
    const yes = await meetingCriteria(c.tx, env, play, until.criteria, group);
    met = (s) => yes.has(s.recordId);
    metWords = () => 'The criteria were met';
  }
  const done = group.filter(met);
  const timedOut = group.filter((s) => !met(s) && new Date(s.waitingFor!.until) <= c.now);
  const waiting = group.filter((s) => !met(s) && new Date(s.waitingFor!.until) > c.now);
  await finish(c, play, step, done, (s) => ({ summary: metWords(s), next: after, met: true }));
  await finish(c, play, step, timedOut, () => ({
    summary: `Time ran out after ${durationWords(step.limit)}`,
    next: laneStart(play.steps ?? [], step, step.onTimeout),
    timedOut: true,
  }));
  for (const s of waiting) park(s, new Date(s.waitingFor!.until), s.waitingFor!);
}

async function runBranch(
  c: BatchCtx,
  play: Play,
  step: Extract<Step, { type: 'branch' }>,
  group: JourneyState[],
) {
  const env = await c.env(play.workspaceId);
  const { chosen } = await choosePaths(c.tx, env, play, step, group, async (when, open) => {
    const tasks = await tasksOfStep(c.tx, when.stepId, open);
    return new Set(open.filter((s) => taskDone(tasks.get(s.id), when.outcomes)).map((s) => s.id));
  });
  const steps = play.steps ?? [];
  await finish(c, play, step, group, (s) => {
    const i = chosen.get(s.id);
    if (i === undefined)
      return {
        summary: 'Took the path "Otherwise"',
        next: laneStart(steps, step, step.otherwise),
        path: null,
      };
    const p = step.paths[i]!;
    return {
      summary: `Took the path "${p.label}"`,
      next: laneStart(steps, step, p.steps),
      path: p.id,
    };
  });
}

/** How many times each journey has run step `stepId` (its highest visit). */
async function doneVisits(tx: DbOrTx, stepId: string, group: JourneyState[]) {
  const rows = await queryRows<{ id: string; n: number }>(
    tx,
    sql`select v.id, coalesce((select max(js.visit) from journey_steps js where js.journey_id = v.id and js.step_id = ${stepId}), 0)::int as n
      from unnest(${uuidArray(group.map((s) => s.id))}) v(id)`,
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}
