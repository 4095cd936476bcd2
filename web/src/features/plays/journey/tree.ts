// Pure walks over the nested step list: each step with its form path (`steps.0.paths.1.steps.0`, the
// server's error path without `body.`), and new steps.
import type { Action, ActionType } from '../types';
import { newAction } from '../actions/registry';
import type { Step, StepType } from './types';

/** Steps added in this page view open for editing; saved ones show as their summary until "Edit". */
export const freshSteps = new Set<string>();

export type Placed = { step: Step; path: string; depth: number };

/** Every step in reading order (a branch before its lanes' steps), with its form path. */
export function placeSteps(steps: Step[], prefix = 'steps', depth = 0): Placed[] {
  const out: Placed[] = [];
  steps.forEach((step, i) => {
    const path = `${prefix}.${i}`;
    out.push({ step, path, depth });
    if (step.type === 'branch') {
      step.paths.forEach((p, j) =>
        out.push(...placeSteps(p.steps, `${path}.paths.${j}.steps`, depth + 1)),
      );
      out.push(...placeSteps(step.otherwise, `${path}.otherwise`, depth + 1));
    } else if (step.type === 'wait_until')
      out.push(...placeSteps(step.onTimeout, `${path}.onTimeout`, depth + 1));
  });
  return out;
}

// Short, readable ids (the server allows letters, digits, - and _; unique in the play).
const shortId = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

export function newStep(type: StepType, actionType?: ActionType): Step {
  const s = makeStep(type, actionType);
  freshSteps.add(s.id);
  return s;
}

function makeStep(type: StepType, actionType?: ActionType): Step {
  switch (type) {
    case 'action':
      return { id: shortId('step'), type, action: newAction(actionType ?? 'create_task') };
    case 'wait':
      return {
        id: shortId('wait'),
        type,
        duration: { n: 1, unit: 'days' },
        from: { kind: 'previous_step' },
      };
    case 'wait_until':
      return {
        id: shortId('until'),
        type,
        until: { kind: 'task_completed', stepId: '' },
        limit: { n: 14, unit: 'days' },
        onTimeout: [],
      };
    case 'branch':
      return {
        id: shortId('branch'),
        type,
        paths: [newPath(1)],
        otherwise: [],
      };
    case 'go_to':
      return { id: shortId('goto'), type, target: '', maxVisits: 3 };
    case 'end':
      return { id: shortId('end'), type };
  }
}

export const newPath = (n: number) => ({
  id: shortId('path'),
  label: `Path ${n}`,
  when: { kind: 'task_completed' as const, stepId: '' },
  steps: [],
});

/** Turning a plain play into a journey: its actions become the first steps, in order. */
export const stepsFromActions = (actions: Action[]): Step[] =>
  actions.map((a) => {
    const s: Step = { id: shortId('step'), type: 'action', action: a };
    freshSteps.add(s.id);
    return s;
  });
