// Pure walks over a nested step list (journeys/steps.ts): flattening and mapping the actions inside.
import type { ActionInput } from '../actions/schemas.ts';
import type { Step } from './steps.ts';

/** Every step, depth first in reading order (a branch before its paths' steps). */
export function flattenSteps(steps: Step[]): Step[] {
  const out: Step[] = [];
  const visit = (list: Step[]) => {
    for (const s of list) {
      out.push(s);
      if (s.type === 'branch') {
        for (const p of s.paths) visit(p.steps);
        visit(s.otherwise);
      } else if (s.type === 'wait_until') visit(s.onTimeout);
    }
  };
  visit(steps);
  return out;
}

/** The same tree with each action step's action replaced by `f(action)` (public shapes, stored ids). */
export function mapStepActions<A extends ActionInput, B>(steps: Step[], f: (a: A) => B): Step[] {
  return steps.map((s): Step => {
    if (s.type === 'action') return { ...s, action: f(s.action as A) as unknown as ActionInput };
    if (s.type === 'branch')
      return {
        ...s,
        paths: s.paths.map((p) => ({ ...p, steps: mapStepActions(p.steps, f) })),
        otherwise: mapStepActions(s.otherwise, f),
      };
    if (s.type === 'wait_until') return { ...s, onTimeout: mapStepActions(s.onTimeout, f) };
    return s;
  });
}

/** The actions inside a step tree (stored ids = step ids), e.g. to keep a webhook step's sealed credentials. */
export const stepActions = (steps: Step[] | null | undefined): ActionInput[] =>
  flattenSteps(steps ?? []).flatMap((s) => (s.type === 'action' ? [s.action] : []));
