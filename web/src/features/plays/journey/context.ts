// What every step card needs from the whole builder: the other steps (for "go to" and "wait until"
// choices), the server's errors by path, the play's settings the action editors read.
import { createContext, useContext, type ComponentType } from 'react';
import type { Subject } from '@/features/segments/types';
import type { Placed } from './tree';
import type { Step } from './types';

export type JourneyContextValue = {
  placed: Placed[];
  byId: (id: string) => Step | undefined;
  /** The outcomes a task step's person can choose (its inline outcomes, else its template's). */
  outcomesOf: (stepId: string) => string[];
  /** Server errors keyed by form path (`steps.0.action.title`). */
  errors: Record<string, string>;
  /** Drops the errors at and under a path (the person just edited it). */
  clearErrors: (path: string) => void;
  subject: Subject;
  manual: boolean;
  playId?: string;
  perChild?: boolean;
  /** The saved play's per-step counts (journey-steps), when it has any. */
  counts: Map<string, { active: number; waiting: number; done: number }> | null;
  /** StepList, passed down so cards and lanes can nest lists without an import cycle. */
  StepList: ComponentType<StepListProps>;
};

export type StepListProps = {
  steps: Step[];
  onChange: (steps: Step[], moved: boolean) => void;
  /** The list's form path: `steps`, `steps.2.paths.0.steps`, `steps.1.onTimeout`. */
  path: string;
  /** Where this list is, for the "Add step" buttons' names ("in ‘Interested’"). */
  lane?: string;
};

export const JourneyContext = createContext<JourneyContextValue | null>(null);

export function useJourney(): JourneyContextValue {
  const v = useContext(JourneyContext);
  if (!v) throw new Error('useJourney outside the journey builder');
  return v;
}
