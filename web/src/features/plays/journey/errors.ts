// Where the builder shows the server's errors on journey steps. Paths are the server's without `body.`:
// `steps.0.paths.1.steps.0.action.title` lands on that action's Title input; a step's own problems
// (`steps.3`, its id or type) above its fields; anything else the play form lists in its general alert.
import { mergeTargets, prefixTargets, type ErrorTargets } from '@/lib/form-errors';
import { actionKind } from '../actions/registry';
import { placeSteps } from './tree';
import type { JourneyDraft, Step } from './types';

function stepTargets(s: Step, at: string): ErrorTargets {
  const own: ErrorTargets = {
    exact: [at],
    aliases: { [`${at}.id`]: at, [`${at}.type`]: at, [`${at}.name`]: at },
  };
  switch (s.type) {
    case 'action':
      return mergeTargets(
        own,
        prefixTargets(`${at}.action`, actionKind(s.action.type).errorTargets(s.action)),
      );
    case 'wait':
      return mergeTargets(own, { fields: [`${at}.duration`, `${at}.from`] });
    case 'wait_until':
      return mergeTargets(own, {
        fields: [`${at}.until`, `${at}.limit`],
        exact: [`${at}.onTimeout`],
      });
    case 'branch':
      return mergeTargets(own, {
        exact: [`${at}.paths`, `${at}.otherwise`],
        fields: s.paths.flatMap((_, j) => [`${at}.paths.${j}.label`, `${at}.paths.${j}.when`]),
        aliases: Object.fromEntries(
          s.paths.flatMap((_, j) => [
            [`${at}.paths.${j}.id`, `${at}.paths.${j}`],
            [`${at}.paths.${j}.steps`, `${at}.paths.${j}`],
          ]),
        ),
      });
    case 'go_to':
      return mergeTargets(own, { fields: [`${at}.target`, `${at}.maxVisits`] });
    case 'end':
      return own;
  }
}

/** Every path the journey part of the builder shows next to an input (nothing while it is off). */
export function journeyErrorTargets(j: JourneyDraft): ErrorTargets {
  if (!j.on) return {};
  // A lane's own problems (e.g. too many steps) show on its lane: `…paths.1` above the lane's steps.
  const lanes = placeSteps(j.steps).flatMap(({ step, path }) =>
    step.type === 'branch' ? step.paths.map((_, i) => `${path}.paths.${i}`) : [],
  );
  return mergeTargets(
    { exact: ['steps', ...lanes], fields: ['exitRules', 'reentry', 'holdoutPercent'] },
    ...placeSteps(j.steps).map(({ step, path }) => stepTargets(step, path)),
  );
}

/** Keeps the errors whose path is not under `path` (the step or field just edited: its errors are stale). */
export const withoutErrorsUnder = (errs: Record<string, string>, path: string) =>
  Object.fromEntries(Object.entries(errs).filter(([k]) => k !== path && !k.startsWith(`${path}.`)));
