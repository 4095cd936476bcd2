// Pure moves over the nested step tree (journeys/steps.ts): where a journey goes after a step.
import type { Step } from './steps.ts';

/** Each step with the list holding it and the step (branch or wait_until) whose lane that list is. */
type Place = { list: Step[]; index: number; parent: Step | null };

function places(steps: Step[]): Map<string, Place> {
  const out = new Map<string, Place>();
  const visit = (list: Step[], parent: Step | null) => {
    list.forEach((s, index) => {
      out.set(s.id, { list, index, parent });
      if (s.type === 'branch') {
        for (const p of s.paths) visit(p.steps, s);
        visit(s.otherwise, s);
      } else if (s.type === 'wait_until') visit(s.onTimeout, s);
    });
  };
  visit(steps, null);
  return out;
}

const cache = new WeakMap<Step[], Map<string, Place>>();
const placesOf = (steps: Step[]) => {
  let p = cache.get(steps);
  if (!p) cache.set(steps, (p = places(steps)));
  return p;
};

export function findStep(steps: Step[], id: string): Step | undefined {
  const p = placesOf(steps).get(id);
  return p?.list[p.index];
}

/**
 * The step after `stepId` in reading order: the next one in its list; after a lane's last step, the
 * step after the enclosing branch or wait_until; null after the last top-level step (the end).
 */
export function nextStep(steps: Step[], stepId: string): string | null {
  const p = placesOf(steps).get(stepId);
  if (!p) return null;
  const after = p.list[p.index + 1];
  if (after) return after.id;
  return p.parent ? nextStep(steps, p.parent.id) : null;
}

/** The first step of a lane, or (empty lane) the step after its owner. */
export const laneStart = (steps: Step[], owner: Step, lane: Step[]): string | null =>
  lane[0]?.id ?? nextStep(steps, owner.id);

/** Whether `earlier` comes before `later` in reading order (go_to targets, task references). */
export function comesBefore(steps: Step[], earlier: string, later: string): boolean {
  const order = [...placesOf(steps).keys()];
  const a = order.indexOf(earlier);
  const b = order.indexOf(later);
  return a >= 0 && b >= 0 && a < b;
}
