// The dry run of a play with steps (issue 11): per record, the path it would take now, in step
// order, through the same pieces the interpreter uses (next-step.ts, wait-time.ts, conditions.ts,
// each action module's dry-run firing). Writes nothing but the dry-run run's results.
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { uuidArray } from '../../db/arrays.ts';
import type { Actor } from '../../context.ts';
import { actionModule } from '../actions/registry.ts';
import type { PlayEnv } from '../engine/env.ts';
import { HOLDOUT_ACTION_ID, type fireRunFor } from '../engine/fire.ts';
import { idsSubquery } from '../engine/targets.ts';
import { runResultVisible, type Play } from '../queries.ts';
import type { Action } from '../schema.ts';
import { choosePaths } from './conditions.ts';
import { findStep, laneStart, nextStep } from './next-step.ts';
import { durationWords } from './run-step.ts';
import type { JourneyState } from './state.ts';
import type { Step } from './steps.ts';
import { wakeTimes } from './wait-time.ts';

export type PathStep = {
  stepId: string;
  type: Step['type'];
  text: string;
  detail: Record<string, unknown>;
};
export type RecordPath = { recordId: string; path: PathStep[]; stoppedAt: string | null };

type Walker = {
  s: JourneyState;
  at: string | null;
  path: PathStep[];
  seen: Set<string>;
  stoppedAt: string | null;
};

/** A step as a continuation reads: its name, else what it does. */
const stepName = (steps: Step[], id: string | null): string => {
  const s = id === null ? undefined : findStep(steps, id);
  if (!s) return 'the end';
  if (s.name) return `"${s.name}"`;
  switch (s.type) {
    case 'action':
      return actionModule(s.action.type).describeDryRun({ ...s.action, id: s.id } as Action);
    case 'wait':
      return `a wait of ${durationWords(s.duration)}`;
    case 'wait_until':
      return 'the next wait';
    case 'branch':
      return 'the branch';
    case 'go_to':
      return 'going back';
    case 'end':
      return 'the end';
  }
};
const day = (d: Date, tz: string) => d.toLocaleDateString('en-CA', { timeZone: tz });

/**
 * Walks `recordIds` (not held out) through the play's steps now, group by group like the
 * interpreter: stops at a wait-until (the future is unknown), at a branch on a task's outcome, and
 * at the first step a go_to would visit again.
 */
export async function journeyPaths(
  c: { deps: Deps; tx: DbOrTx; play: Play; env: PlayEnv; runId: string; fire: typeof fireRunFor },
  recordIds: string[],
): Promise<RecordPath[]> {
  const { tx, play, env } = c;
  const steps = play.steps ?? [];
  const walkers: Walker[] = recordIds.map((recordId) => ({
    // wakeTimes and meetingCriteria read only the id and the record of a journey.
    s: { id: recordId, recordId } as JourneyState,
    at: steps[0]?.id ?? null,
    path: [],
    seen: new Set(),
    stoppedAt: null,
  }));
  const stop = (w: Walker, at: string) => {
    w.stoppedAt = at;
    w.at = null;
  };
  // Each round runs every walker's current step (at most one visit per step and record: bounded).
  for (;;) {
    const moving = walkers.filter((w) => w.at !== null);
    if (moving.length === 0) break;
    const groups = new Map<string, Walker[]>();
    for (const w of moving) groups.set(w.at!, [...(groups.get(w.at!) ?? []), w]);
    for (const [stepId, group] of groups) {
      const step = findStep(steps, stepId)!;
      for (const w of group) w.seen.add(stepId);
      const after = nextStep(steps, stepId);
      const add = (w: Walker, text: string, detail: Record<string, unknown> = {}) =>
        w.path.push({ stepId, type: step.type, text, detail });
      const goTo = (w: Walker, next: string | null) => {
        if (next !== null && w.seen.has(next)) {
          add(w, `Goes back to ${stepName(steps, next)} (shown above)`);
          stop(w, stepId);
        } else w.at = next;
      };
      switch (step.type) {
        case 'action': {
          const words = await actionPaths(
            c,
            step,
            group.map((w) => w.s.recordId),
          );
          for (const w of group) {
            const r = words.get(w.s.recordId);
            add(w, r?.text ?? words.fallback, r?.detail);
            goTo(w, after);
          }
          break;
        }
        case 'wait': {
          // A journey entering now: its entry is now, as is the end of the previous step.
          const from = step.from.kind === 'entry' ? { kind: 'previous_step' as const } : step.from;
          const wakes = await wakeTimes(
            tx,
            play,
            env.timeZone,
            group.map((w) => w.s),
            step.duration,
            from,
            env.now,
          );
          for (const w of group) {
            const at = wakes.get(w.s.id) ?? env.now;
            add(w, `Waits ${durationWords(step.duration)}, until ${day(at, env.timeZone)}`, {
              until: at.toISOString(),
            });
            goTo(w, after);
          }
          break;
        }
        case 'wait_until': {
          const limits = await wakeTimes(
            tx,
            play,
            env.timeZone,
            group.map((w) => w.s),
            step.limit,
            { kind: 'previous_step' },
            env.now,
          );
          const u = step.until;
          const what =
            u.kind === 'task_completed'
              ? `${stepName(steps, u.stepId)} is completed${u.outcomes?.length ? ` with the outcome ${u.outcomes.map((o) => `"${o}"`).join(' or ')}` : ''}`
              : 'the criteria are met';
          const then = [
            `then ${stepName(steps, after)}`,
            `if time runs out, ${stepName(steps, laneStart(steps, step, step.onTimeout))}`,
          ];
          for (const w of group) {
            const at = limits.get(w.s.id) ?? env.now;
            add(
              w,
              `Waits until ${what}, at most until ${day(at, env.timeZone)}; ${then.join('; ')}`,
              {
                until: at.toISOString(),
                continuations: then,
              },
            );
            stop(w, stepId);
          }
          break;
        }
        case 'branch': {
          const { chosen, undecidedFrom } = await choosePaths(
            tx,
            env,
            play,
            step,
            group.map((w) => w.s),
            null,
          );
          for (const w of group) {
            const i = chosen.get(w.s.id);
            if (i !== undefined) {
              const p = step.paths[i]!;
              add(w, `Takes the path "${p.label}"`, { path: p.id });
              goTo(w, laneStart(steps, step, p.steps));
            } else if (undecidedFrom !== null) {
              // Decided by a task not done yet: every path from here on is possible.
              const left = [...step.paths.slice(undecidedFrom).map((x) => x.label), 'Otherwise'];
              add(
                w,
                `Takes the path the task's outcome decides: ${left.map((l) => `"${l}"`).join(', ')}`,
                {
                  paths: left,
                },
              );
              stop(w, stepId);
            } else {
              add(w, 'Takes the path "Otherwise"', { path: null });
              goTo(w, laneStart(steps, step, step.otherwise));
            }
          }
          break;
        }
        case 'go_to':
          for (const w of group) {
            add(w, `Goes back to ${stepName(steps, step.target)}`);
            goTo(w, step.target);
          }
          break;
        case 'end':
          for (const w of group) {
            add(w, 'Reaches the end');
            w.at = null;
          }
          break;
      }
    }
  }
  return walkers.map((w) => ({ recordId: w.s.recordId, path: w.path, stoppedAt: w.stoppedAt }));
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What an action step would do per record: its module's dry-run firing, kept under the dry-run run. */
async function actionPaths(
  c: { deps: Deps; tx: DbOrTx; play: Play; env: PlayEnv; runId: string; fire: typeof fireRunFor },
  step: Extract<Step, { type: 'action' }>,
  ids: string[],
) {
  // The stored id is the step id, as the interpreter sets it (run-step.ts).
  const action = { ...step.action, id: step.id } as Action;
  const module = actionModule(action.type);
  const targets: SQL = idsSubquery(ids);
  await c.tx.transaction((sp) =>
    module.fire(
      {
        deps: c.deps,
        tx: sp,
        play: c.play,
        env: c.env,
        chain: [],
        dryRun: true,
        triggeredBy: null,
        runId: c.runId,
        targets,
        count: ids.length,
        today: c.env.today,
        now: c.env.now,
        timelineAction: null,
        fireRunFor: c.fire,
      },
      action,
    ),
  );
  const rows = await queryRows<{
    record_id: string;
    result: string;
    detail: Record<string, unknown> | null;
    assignee_name: string | null;
  }>(
    c.tx,
    sql`select r.record_id, r.result, r.detail, u.name as assignee_name from play_run_results r
      left join users u on u.id = (r.detail->>'assigneeUserId')::uuid and u.workspace_id = ${c.play.workspaceId}::uuid
      where r.run_id = ${c.runId}::uuid and r.action_id = ${step.id} and r.record_id = any(${uuidArray(ids)})`,
  );
  const words = capital(module.describeDryRun(action));
  const byRecord = new Map(
    rows.map((r) => {
      const d = r.detail ?? {};
      const task =
        typeof d.title === 'string'
          ? {
              title: d.title,
              dueDate: typeof d.dueDate === 'string' ? d.dueDate : null,
              assigneeUserId: typeof d.assigneeUserId === 'string' ? d.assigneeUserId : null,
              assigneeName: r.assignee_name,
              fallbackReason: typeof d.fallbackReason === 'string' ? d.fallbackReason : null,
            }
          : null;
      const text =
        r.result === 'skipped_open_task'
          ? `Would not create a task: one from this step is still open`
          : task
            ? `Creates the task "${task.title}"${task.assigneeName ? ` for ${task.assigneeName}` : ''}${task.dueDate ? `, due ${task.dueDate}` : ''}`
            : words;
      return [r.record_id, { text, detail: { result: r.result, task, ...d } }];
    }),
  );
  return { get: (id: string) => byRecord.get(id), fallback: words };
}

/** Records shown in detail; the counts cover every record (SPEC §13 dry run). */
export const DRY_RUN_DETAIL_LIMIT = 200;

type Ctx = Parameters<typeof journeyPaths>[0];

/**
 * The journey part of a dry run: the first records the caller may see (by name), whether each is
 * held out (the run's holdout results, fire.ts) and the path of the others; `hidden` counts the rest.
 */
export async function dryRunJourneys(c: Ctx, actor: Actor, targets: SQL) {
  const account =
    c.play.subject === 'accounts'
      ? sql`x.record_id`
      : sql`(select ct.account_id from contacts ct where ct.id = x.record_id)`;
  const visible = runResultVisible(actor, {
    recordId: sql`t.record_id`,
    accountId: sql`t.account_id`,
  });
  const all = sql`select x.record_id, ${account} as account_id from (${targets}) x`;
  const rows = await queryRows<{
    record_id: string;
    account_id: string | null;
    record_name: string | null;
    account_name: string | null;
    held_out: boolean;
  }>(
    c.tx,
    sql`select t.record_id, t.account_id, a.name as account_name,
        coalesce(nullif(trim(ct.first_name || ' ' || ct.last_name), ''), ra.name, a.name) as record_name,
        exists (select 1 from play_run_results h where h.run_id = ${c.runId}::uuid and h.record_id = t.record_id and h.action_id = ${HOLDOUT_ACTION_ID}) as held_out
      from (${all}) t left join accounts a on a.id = t.account_id left join contacts ct on ct.id = t.record_id
        left join accounts ra on ra.id = t.record_id
      where ${visible} order by 4, t.record_id limit ${DRY_RUN_DETAIL_LIMIT}`,
  );
  const [hidden] = await queryRows<{ n: number }>(
    c.tx,
    sql`select count(*)::int as n from (${all}) t where not ${visible}`,
  );
  const paths = await journeyPaths(
    c,
    rows.filter((r) => !r.held_out).map((r) => r.record_id),
  );
  const byRecord = new Map(paths.map((p) => [p.recordId, p]));
  return {
    hidden: hidden?.n ?? 0,
    records: rows.map((r) => ({
      recordId: r.record_id,
      recordName: r.record_name,
      accountId: r.account_id,
      accountName: r.account_name,
      heldOut: r.held_out,
      path: byRecord.get(r.record_id)?.path ?? [],
      stoppedAt: byRecord.get(r.record_id)?.stoppedAt ?? null,
    })),
  };
}
