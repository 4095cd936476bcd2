// Plays as the API takes and returns them (src/plays/schema.ts on the server).
import type { Criteria, Subject } from '@/features/segments/types';
import type { Priority } from '@/lib/priority';
import type { DueUnit } from '@/lib/labels';
import type { JourneyDraft } from './journey/types';
import type { components } from '@/lib/api-schema';

export type TriggerType = 'enter' | 'exit' | 'manual' | 'recurring' | 'task_completed';
export type Trigger = {
  type: TriggerType;
  recurring?: { cron?: string; every?: { n: number; unit: 'days' | 'weeks' | 'months' } };
  taskCompleted?: { templateId?: string; playId?: string; outcome?: string };
};
export type AssigneeRule =
  | { type: 'user'; userId: string }
  | { type: 'role'; roleId: string }
  | {
      type: 'pool';
      pool: {
        userIds?: string[];
        teamId?: string;
        match?: Record<string, string>;
        strategy: 'next_available' | 'least_loaded' | 'round_robin';
      };
    };
export type AssignedByRule = { type: 'user'; userId: string } | { type: 'role'; roleId: string };
export type CompletionRules = {
  touchpointRequired?: boolean;
  attributeUpdateRequired?: { key: string } | null;
  automaticAttributeUpdate?: {
    key: string;
    value: unknown;
    target?: 'account' | 'child' | 'both';
  } | null;
};
export type WebhookDef = {
  name: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'GET' | 'DELETE';
  urlTemplate: string;
  auth?:
    | { type: 'basic'; username: string; password: string }
    | { type: 'token'; header: string; value: string }
    | null;
  headers: Array<{ name: string; valueTemplate: string }>;
  bodyTemplate?: string;
  // Read back from the API (credentials are never returned).
  hasCredentials?: boolean;
  authType?: 'basic' | 'token' | null;
  authHeader?: string | null;
};
export type Action =
  | {
      id?: string;
      type: 'create_task';
      templateId?: string;
      title?: string;
      description?: string;
      dueInDays?: number;
      /** SPEC §14: count `dueInDays` in working days (absent: calendar days). */
      dueUnit?: DueUnit;
      priority?: Priority;
      flowId?: string;
      assignee: AssigneeRule;
      assignedBy?: AssignedByRule;
      outcomes?: string[];
      completionRules?: CompletionRules;
    }
  | {
      id?: string;
      type: 'request_information';
      formId: string;
      assignee: AssignedByRule;
      dueInDays: number;
      dueUnit?: DueUnit;
      flowId: string;
      message?: string;
    }
  | {
      id?: string;
      type: 'update_information';
      set: Array<{ key: string; value?: unknown; clear?: boolean; triggerDateOffsetDays?: number }>;
    }
  | { id?: string; type: 'celebrate' | 'notify'; message: string; style?: string }
  | { id?: string; type: 'webhook'; webhook: WebhookDef }
  | { id?: string; type: 'send_email'; subject: string; body: string }
  | { id?: string; type: 'add_tag' | 'remove_tag'; tag: string }
  | { id?: string; type: 'enroll'; playId: string };
export type ActionType = Action['type'];

export type PlayOptions = {
  hierarchy: { mode: 'one_per_parent' | 'one_per_child' } | null;
  contactGrouping: 'per_contact' | 'per_account';
};

export type Play = {
  id: string;
  name: string;
  description: string;
  ownerUserId: string | null;
  collaboratorIds: string[];
  createdBy: string | null;
  status: 'enabled' | 'disabled';
  subject: Subject;
  trigger: Trigger;
  criteria: Criteria | null;
  sourceSegmentId: string | null;
  goalCriteria: Criteria | null;
  options: PlayOptions;
  actions: Action[];
  version: number;
  enabledAt: string | null;
  createdAt: string;
  updatedAt: string;
  memberCount?: number;
};
export type PlayDraft = Omit<
  Play,
  | 'id'
  | 'status'
  | 'createdBy'
  | 'sourceSegmentId'
  | 'version'
  | 'enabledAt'
  | 'createdAt'
  | 'updatedAt'
  | 'memberCount'
  | 'goalCriteria'
> & {
  fromSegmentId?: string;
  criteriaSource: 'custom' | 'segment';
  /** The "Steps" section (journey/): off keeps the plain actions list. */
  journey: JourneyDraft;
};

export type RunCounts = {
  targets: number;
  created: number;
  wouldCreate: number;
  skipped: number;
  errors: number;
  other: number;
};
export type Run = {
  id: string;
  playId: string;
  kind: string;
  triggeredBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  counts: RunCounts;
  detail: Record<string, unknown>;
};
export type RunResult = {
  id: number;
  recordId: string;
  recordName: string | null;
  accountId: string | null;
  accountName: string | null;
  actionId: string;
  result: string;
  taskId: string | null;
  detail: Record<string, unknown>;
};
export type DryRun = {
  runId: string;
  targets: number;
  hiddenRecords: number;
  summary: Array<{ actionId: string; result: string; count: number }>;
  data: DryRunRow[];
  /** A play with steps: each record's path now (null for a play without steps). */
  journeys: DryRunJourneyPath[] | null;
};
export type DryRunJourneyPath = components['schemas']['DryRunJourneyPath'];
/** A play in the plays list, with what the list shows beside it. */
export type PlayListItem = Play & { summary: components['schemas']['PlayListSummary'] };
/** A dry-run row: its action's place in the play and, for task actions, the task it would create. */
export type DryRunRow = Omit<RunResult, 'id' | 'taskId'> & {
  position: number | null;
  task: DryRunTask | null;
};
export type DryRunTask = components['schemas']['DryRunTask'];
type EffectivenessParts = {
  completedShare: number | null;
  onTimeShare: number | null;
  goalShare: number | null;
};
type EffectivenessCounts = {
  firedTasks: number;
  completed: number;
  completedOnTime: number;
  targets: number;
  reachedGoal: number;
};
/** The headline and each week share one shape and one formula, so the weekly scores compare with the headline. */
export type Effectiveness = {
  playId: string;
  windowDays: number;
  /** When the play first reached a record; readyAt is that plus windowDays. */
  firstFiredAt: string | null;
  readyAt: string | null;
  /** Until readyAt has passed the score says nothing yet: the tab shows "Too early to tell". */
  tooEarly: boolean;
  score: number | null;
  parts: EffectivenessParts;
  counts: EffectivenessCounts;
  outcomes: Array<{ outcome: string | null; count: number }>;
  series: Array<
    EffectivenessCounts & { week: string; parts: EffectivenessParts; score: number | null }
  >;
  /** Treated records against the held-out ones (SPEC §5); tooSmall below 30 records per group. */
  holdout: {
    percent: number;
    treated: HoldoutGroup;
    heldOut: HoldoutGroup;
    lift: number | null;
    tooSmall: boolean;
  };
};
type HoldoutGroup = { records: number; reachedGoal: number; rate: number | null };
export type WebhookTestResult = {
  ok: boolean;
  request: { method: string; url: string };
  status: number | null;
  headers: Record<string, string>;
  bodyExcerpt: string;
  durationMs: number | null;
  refused: string | null;
  error: string | null;
};
