// The journey part of a play's draft: read from the saved play, and what the save sends.
import type { RequestBody } from '@/lib/api-client';
import type { Action, Play } from '../types';
import type { JourneyDraft, JourneyFields, Step } from './types';

/** The saved play's journey, or a fresh one (a new play). The API types the journey fields loosely. */
export function journeyDraftOf(play: Play | null): JourneyDraft {
  const p = play as (Play & JourneyFields) | null;
  return {
    on: Boolean(p?.steps?.length),
    steps: p?.steps ?? [],
    exitRules: {
      criteria: p?.exitRules?.criteria ?? null,
      leaveWhenTriggerNotMet: p?.exitRules?.leaveWhenTriggerNotMet ?? false,
      openTasks: p?.exitRules?.openTasks ?? { policy: 'keep' },
    },
    reentry: p?.reentry ?? { mode: 'after_end' },
    holdoutPercent: p?.holdoutPercent ?? 0,
  };
}

type ApiSteps = NonNullable<RequestBody<'/api/v1/plays', 'post'>['steps']>;

/** An action step's action carries its step id (the design: task dedupe keys and run results name it). */
const withActionIds = (steps: Step[], out: (a: Action) => Action): Step[] =>
  steps.map((s): Step => {
    if (s.type === 'action') return { ...s, action: { ...out(s.action), id: s.id } };
    if (s.type === 'branch')
      return {
        ...s,
        paths: s.paths.map((p) => ({ ...p, steps: withActionIds(p.steps, out) })),
        otherwise: withActionIds(s.otherwise, out),
      };
    if (s.type === 'wait_until') return { ...s, onTimeout: withActionIds(s.onTimeout, out) };
    return s;
  });

/**
 * The journey fields of the save body. Off: steps null (the play fires its actions once on entry, as
 * before) with its holdout. On: the steps (their actions validated by the server like the plain ones), exit rules,
 * re-entry and holdout; the plain actions list is empty.
 */
export function journeyBody(j: JourneyDraft, actions: Action[], out: (a: Action) => Action) {
  // The holdout applies to plain plays too (their firings hold out the same share).
  if (!j.on) return { actions: actions.map(out), steps: null, holdoutPercent: j.holdoutPercent };
  return {
    actions: [],
    // Criteria still empty (null) are sent as typed: the server names the problem at that step.
    steps: withActionIds(j.steps, out) as unknown as ApiSteps,
    exitRules: j.exitRules,
    reentry: j.reentry,
    holdoutPercent: j.holdoutPercent,
  };
}

/** The play runs as a journey (it has steps): its page shows the Journeys tab. */
export const isJourneyPlay = (p: Play) => Boolean((p as Play & JourneyFields).steps?.length);
