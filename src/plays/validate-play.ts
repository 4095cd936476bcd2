import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { users } from '../db/schema/index.ts';
import { loadDefinitions } from '../accounts/attributes.ts';
import { errors, type ErrorDetail } from '../http/errors.ts';
import { compileCriteria } from '../segments/compile.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import { loadAllowList } from '../templates/merge-fields.ts';
import { actionModule } from './actions/registry.ts';
import { collect } from './actions/validate-helpers.ts';
import { HOLDOUT_ACTION_ID } from './holdout.ts';
import type { Action, ActionInput, PlayOptions, Trigger } from './schema.ts';
import { checkTrigger } from './validate-trigger.ts';
import type { Step } from './journeys/steps.ts';
import { checkJourneyTrigger, validateSteps } from './journeys/validate-steps.ts';

type Shape = {
  subject: 'accounts' | 'contacts';
  trigger: Trigger;
  options: PlayOptions;
  actions: ActionInput[];
  criteria: unknown;
  goalCriteria: unknown;
  ownerUserId: string;
  collaboratorIds: string[];
  /** Journey steps (SPEC §13); null or absent: the actions fire once on entry. */
  steps?: Step[] | null;
};

/**
 * Every rule of SPEC §5 that a play definition must satisfy, reported together with body paths.
 * Returns the actions with stable ids (new actions get one) and sanitized descriptions; each
 * action kind's own rules live in its module (actions/<kind>/).
 */
export async function validatePlay(
  deps: Deps,
  actor: Actor,
  p: Shape,
  selfId?: string,
  previous: Action[] = [],
): Promise<Action[]> {
  return (await validatePlayDefinition(deps, actor, p, selfId, previous)).actions;
}

/** validatePlay, also answering the journey steps to store (their actions validated like the others). */
export async function validatePlayDefinition(
  deps: Deps,
  actor: Actor,
  p: Shape,
  selfId?: string,
  previous: Action[] = [],
): Promise<{ actions: Action[]; steps: Step[] | null }> {
  const d: ErrorDetail[] = [];
  const ws = actor.workspaceId;
  const manual = p.trigger.type === 'manual';
  if (p.options.hierarchy && p.subject !== 'accounts')
    d.push({
      path: 'body.options.hierarchy',
      message: 'The hierarchy option applies only to account plays.',
    });
  await checkTrigger(deps.db, ws, p.trigger, d);
  const { today } = await workspaceToday(deps.db, ws, deps.clock.now());
  for (const [key, c] of [
    ['criteria', p.criteria],
    ['goalCriteria', p.goalCriteria],
  ] as const) {
    try {
      await compileCriteria(deps.db, ws, p.subject, c, { today, path: `body.${key}` });
    } catch (err) {
      collect(err, d);
    }
  }
  const seen = new Set<string>();
  const allow = await loadAllowList(deps.db, ws);
  const definitions =
    p.subject === 'accounts'
      ? await loadDefinitions(deps.db, ws, 'account')
      : await loadDefinitions(deps.db, ws, 'contact');
  const out: Action[] = [];
  for (const [i, a] of p.actions.entries()) {
    const at = `body.actions.${i}`;
    const id = a.id ?? randomUUID().slice(0, 8);
    if (seen.has(id))
      d.push({ path: `${at}.id`, message: 'Action ids must be unique within a play.' });
    if (id === HOLDOUT_ACTION_ID)
      d.push({
        path: `${at}.id`,
        message: `'${HOLDOUT_ACTION_ID}' names the play's held-out records; choose another action id.`,
      });
    seen.add(id);
    const module = actionModule(a.type);
    if (manual && !module.manual)
      d.push({
        path: `${at}.type`,
        message: 'Manual plays can only create tasks and request information.',
      });
    out.push(
      await module.validate(
        {
          deps,
          workspaceId: ws,
          subject: p.subject,
          trigger: p.trigger,
          options: p.options,
          allow,
          definitions,
          selfId,
          previous,
          at,
          problems: d,
        },
        { ...a, id } as Action,
      ),
    );
  }
  const hasSteps = !!p.steps?.length;
  if (!hasSteps && p.actions.length === 0)
    d.push({
      path: 'body.actions',
      message: 'A play needs at least one action, or journey steps.',
    });
  checkJourneyTrigger(p.trigger, hasSteps, d);
  const steps = hasSteps
    ? await validateSteps(
        {
          deps,
          workspaceId: ws,
          subject: p.subject,
          trigger: p.trigger,
          options: p.options,
          allow,
          definitions,
          selfId,
          previous,
          problems: d,
          today,
        },
        p.steps!,
      )
    : null;
  const people = [p.ownerUserId, ...p.collaboratorIds];
  const found = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, ws), inArray(users.id, people)));
  if (!found.some((u) => u.id === p.ownerUserId))
    d.push({ path: 'body.ownerUserId', message: 'no such user' });
  if (
    new Set(found.map((u) => u.id)).size < new Set(people).size &&
    found.some((u) => u.id === p.ownerUserId)
  )
    d.push({ path: 'body.collaboratorIds', message: 'unknown user' });
  if (d.length) throw errors.validation(d, 'The play is not valid.');
  return { actions: out, steps };
}
