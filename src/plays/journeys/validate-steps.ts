// Journey steps' rules (SPEC §13), reported with the play's other problems under body.steps.<path>.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.ts';
import type { ErrorDetail } from '../../http/errors.ts';
import { compileCriteria } from '../../segments/compile.ts';
import { actionModule } from '../actions/registry.ts';
import { collect } from '../actions/validate-helpers.ts';
import type { ValidateCtx } from '../actions/module.ts';
import type { Action } from '../schema.ts';
import type { Step } from './steps.ts';
import { HOLDOUT_ACTION_ID } from '../holdout.ts';

type StepCtx = Omit<ValidateCtx, 'at'> & { today: string };
type Seen = Map<string, { step: Step; outcomes: string[] | null }>;

/**
 * Validates a step tree in reading order. Every action step's action goes through its module exactly
 * like a top-level action, with the step id as its stable id. Returns the tree to store.
 */
export async function validateSteps(ctx: StepCtx, steps: Step[]): Promise<Step[]> {
  const seen: Seen = new Map();
  const ids = new Set<string>();
  const walk = async (list: Step[], at: string): Promise<Step[]> => {
    const out: Step[] = [];
    for (const [i, s] of list.entries()) out.push(await one(s, `${at}.${i}`));
    return out;
  };
  const one = async (s: Step, at: string): Promise<Step> => {
    if (ids.has(s.id)) {
      ctx.problems.push({ path: `${at}.id`, message: 'Step ids must be unique within a play.' });
      return s;
    }
    ids.add(s.id);
    if (s.id === HOLDOUT_ACTION_ID)
      ctx.problems.push({
        path: `${at}.id`,
        message: `'${HOLDOUT_ACTION_ID}' names the play's held-out records; choose another step id.`,
      });
    switch (s.type) {
      case 'action': {
        const module = actionModule(s.action.type);
        if (ctx.trigger.type === 'manual' && !module.manual)
          ctx.problems.push({
            path: `${at}.action.type`,
            message: 'Manual plays can only create tasks and request information.',
          });
        if (s.action.id && s.action.id !== s.id)
          ctx.problems.push({
            path: `${at}.action.id`,
            message: "An action step's action has the step's id.",
          });
        const action = await module.validate({ ...ctx, at: `${at}.action` }, {
          ...s.action,
          id: s.id,
        } as Action);
        seen.set(s.id, {
          step: s,
          outcomes: module.createsTasks ? await outcomesOf(ctx, action) : null,
        });
        return { ...s, action };
      }
      case 'wait':
        if (s.from.kind === 'attribute') {
          const def = ctx.definitions.get(s.from.key);
          if (!def || def.type !== 'date')
            ctx.problems.push({ path: `${at}.from.key`, message: 'Choose a date attribute.' });
        }
        seen.set(s.id, { step: s, outcomes: null });
        return s;
      case 'wait_until': {
        await checkWhen(ctx, seen, s.until, `${at}.until`);
        seen.set(s.id, { step: s, outcomes: null });
        return { ...s, onTimeout: await walk(s.onTimeout, `${at}.onTimeout`) };
      }
      case 'branch': {
        seen.set(s.id, { step: s, outcomes: null });
        const paths = [];
        for (const [j, p] of s.paths.entries()) {
          const pat = `${at}.paths.${j}`;
          if (ids.has(p.id) || p.id === s.id)
            ctx.problems.push({
              path: `${pat}.id`,
              message: 'Path ids must be unique within a play.',
            });
          ids.add(p.id);
          await checkWhen(ctx, seen, p.when, `${pat}.when`);
          paths.push({ ...p, steps: await walk(p.steps, `${pat}.steps`) });
        }
        return { ...s, paths, otherwise: await walk(s.otherwise, `${at}.otherwise`) };
      }
      case 'go_to':
        if (!seen.has(s.target) || s.target === s.id)
          ctx.problems.push({
            path: `${at}.target`,
            message: 'Go to a step that comes before this one.',
          });
        seen.set(s.id, { step: s, outcomes: null });
        return s;
      case 'end':
        seen.set(s.id, { step: s, outcomes: null });
        return s;
    }
  };
  return walk(steps, 'body.steps');
}

type When = Extract<Step, { type: 'wait_until' }>['until'];

async function checkWhen(ctx: StepCtx, seen: Seen, w: When, at: string) {
  if (w.kind === 'criteria') {
    try {
      await compileCriteria(ctx.deps.db, ctx.workspaceId, ctx.subject, w.criteria, {
        today: ctx.today,
        path: `${at}.criteria`,
      });
    } catch (err) {
      collect(err, ctx.problems);
    }
    return;
  }
  const ref = seen.get(w.stepId);
  if (!ref || ref.outcomes === null) {
    ctx.problems.push({
      path: `${at}.stepId`,
      message: 'Name an earlier step that creates a task (create task or request information).',
    });
    return;
  }
  for (const [k, o] of (w.outcomes ?? []).entries())
    if (!ref.outcomes.includes(o))
      ctx.problems.push({
        path: `${at}.outcomes.${k}`,
        message: `That task has no outcome "${o}".`,
      });
}

/** The outcomes a task-creating action offers: its own list, else its template's. */
async function outcomesOf(ctx: StepCtx, a: Action): Promise<string[]> {
  if (a.type !== 'create_task') return [];
  if (a.outcomes) return a.outcomes;
  if (!a.templateId) return [];
  const [t] = await queryRows<{ outcomes: Array<{ name: string }> }>(
    ctx.deps.db,
    sql`select outcomes from task_templates where id = ${a.templateId}::uuid and workspace_id = ${ctx.workspaceId}::uuid`,
  );
  return (t?.outcomes ?? []).map((o) => o.name);
}

/** Rules on where steps make sense: a journey needs records entering over time. */
export function checkJourneyTrigger(
  trigger: { type: string },
  hasSteps: boolean,
  d: ErrorDetail[],
) {
  if (hasSteps && trigger.type === 'exit')
    d.push({
      path: 'body.steps',
      message: 'Exit plays cannot have steps: a record that left has nothing to go through.',
    });
}
