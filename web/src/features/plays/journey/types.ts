// Journey steps as the builder edits them (src/plays/journeys/steps.ts on the server), with the web's
// own action and criteria types. Criteria may be null while the person has not chosen any yet.
import type { Criteria } from '@/features/segments/types';
import type { Action } from '../types';

export type DurationUnit = 'days' | 'working_days' | 'hours';
export type Duration = { n: number; unit: DurationUnit };
export type WaitFrom =
  | { kind: 'previous_step' }
  | { kind: 'entry' }
  | { kind: 'attribute'; key: string; offsetDays?: number };
/** What a wait-until waits for, or what a branch path tests. */
export type Condition =
  | { kind: 'task_completed'; stepId: string; outcomes?: string[] }
  | { kind: 'criteria'; criteria: Criteria | null };
export type BranchPath = { id: string; label: string; when: Condition; steps: Step[] };

type Base = { id: string; name?: string };
export type Step =
  | (Base & { type: 'action'; action: Action })
  | (Base & { type: 'wait'; duration: Duration; from: WaitFrom })
  | (Base & { type: 'wait_until'; until: Condition; limit: Duration; onTimeout: Step[] })
  | (Base & { type: 'branch'; paths: BranchPath[]; otherwise: Step[] })
  | (Base & { type: 'go_to'; target: string; maxVisits: number })
  | (Base & { type: 'end' });
export type StepType = Step['type'];
export type StepOf<T extends StepType> = Extract<Step, { type: T }>;

export type ExitPolicy =
  { policy: 'keep' } | { policy: 'cancel' } | { policy: 'complete'; outcome: string };
export type ExitRules = {
  criteria: Criteria | null;
  leaveWhenTriggerNotMet: boolean;
  openTasks: ExitPolicy;
};
export type Reentry =
  { mode: 'once' } | { mode: 'after_end' } | { mode: 'every_n_days'; days: number };

/** The journey part of the play builder's draft; `on` false = the play's plain actions list. */
export type JourneyDraft = {
  on: boolean;
  steps: Step[];
  exitRules: ExitRules;
  reentry: Reentry;
  holdoutPercent: number;
};

/** What the play API returns for a journey play (beside the fields of `Play`). */
export type JourneyFields = {
  steps?: Step[] | null;
  exitRules?: ExitRules | null;
  reentry?: Reentry | null;
  holdoutPercent?: number;
};
