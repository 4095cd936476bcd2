// The one shape of every timeline event: one payload type per kind. Types only (plus the kind list), so
// the web app imports this file too and every writer — use cases, bulk paths and the engine's SQL — and
// the renderer agree on the keys. Names are stored at write time wherever a reader could not look them up.

import type { TouchpointTypeKey } from '../touchpoints/types/builtin.ts';

/** A task's assignee (or a role holder), named when the event was written. */
export type PersonRef = { type: 'user' | 'contact'; id: string; name: string };

/** The play behind an event, named when it fired (the reader may not see the play). */
type ByPlay = { playId: string; playName: string };

export type TaskSource = 'manual' | 'template' | 'play' | 'follow_up';

/** The payload of each timeline event kind. */
export type TimelinePayloads = {
  task_created: {
    title: string;
    kind: 'todo' | 'request_info';
    source: TaskSource;
    assignee: PersonRef | null;
    dueDate: string;
    priority?: string;
    templateId?: string;
    contactId?: string;
    playId?: string;
    playName?: string;
    runId?: string;
  };
  task_updated: { title: string; fields: string[] };
  /** `reason`: a disabled user's handover, or "reassign dynamically" (the play's rule run again). */
  task_reassigned: {
    title: string;
    previousAssignee: PersonRef | null;
    newAssignee: PersonRef;
    reason?: 'user_disabled' | 'dynamic';
  };
  /** `followUpTaskId`: the follow-up task the completion created (the task panel links to it). */
  task_completed: {
    title: string;
    kind: 'todo' | 'request_info';
    outcome: string | null;
    followUpTaskId?: string;
  };
  task_deleted: { title: string };
  /** `typeLabel`: the type's words when logged (a workspace type may be renamed later; older rows lack it). */
  touchpoint: {
    touchpointId: string;
    type: TouchpointTypeKey;
    typeLabel?: string;
    subject: string;
    /** Contacts who took part; `userParticipantIds` the colleagues. */
    participantIds: string[];
    userParticipantIds?: string[];
    /** The participants (contacts, then colleagues) as named when logged (older rows lack it). */
    participants?: PersonRef[];
  };
  /** `key` is the attribute key; renderers show its definition's label. */
  attribute_changed: {
    key: string;
    from: unknown;
    to: unknown;
    entity?: 'account' | 'contact';
    contactId?: string;
    contactName?: string;
    cause?: string;
    outcome?: string;
    playId?: string;
    playName?: string;
  };
  form_submitted: { formId: string; formName: string; values: Record<string, unknown> };
  play_fired: ByPlay & { runId: string };
  /** A record entered a play's journey (SPEC §13); `holdout`: held out, no steps run. */
  journey_entered: ByPlay & { journeyId: string; holdout: boolean; contactId?: string };
  /** One step of a journey ran: `summary` says what it did, in words. */
  journey_step: ByPlay & { journeyId: string; stepId: string; stepName: string; summary: string };
  /** A journey ended; `reason` as journeys.end_reason, `openTasks` what happened to its open tasks. */
  journey_ended: ByPlay & {
    journeyId: string;
    reason: 'end' | 'exit_criteria' | 'left_trigger' | 'removed' | 'holdout' | 'play_deleted';
    openTasks?: { policy: 'keep' | 'cancel' | 'complete'; count: number };
  };
  webhook_succeeded: WebhookOutcome;
  webhook_failed: WebhookOutcome & { error?: string; disabled?: boolean };
  celebrate: ByPlay & { message: string; style: string };
  notify: ByPlay & { message: string; style: string };
  role_changed: {
    roleId: string;
    roleName: string;
    fromUserId: string | null;
    toUserId: string | null;
    fromUserName: string | null;
    toUserName: string | null;
    movedTasks: number;
    policy?: string;
    reason?: 'user_disabled';
  };
  account_created: { name: string };
  account_updated: { fields: string[]; changes: Record<string, { from: unknown; to: unknown }> };
  contact_created: { contactId: string; name: string };
  contact_updated: {
    contactId: string;
    name: string;
    fields: string[];
    changes: Record<string, { from: unknown; to: unknown }>;
  };
  contact_deleted: { contactId: string; name: string };
  attachment_added: { attachmentId: string; filename: string; sizeBytes: number };
  attachment_deleted: { attachmentId: string; filename: string };
  outcome_action_failed: {
    index: number;
    type: string;
    error: string;
    outcome: string;
    templateId: string | null;
    taskTitle: string;
    title: string;
  };
};

type WebhookOutcome = {
  deliveryId: string;
  webhook: string;
  playId: string | null;
  actionId: string | null;
  statusCode: number | null;
  attempts: number;
};

export type TimelineKind = keyof TimelinePayloads;

/** One event: its kind and that kind's payload (a discriminated union over every kind). */
export type TimelineEvent = {
  [K in TimelineKind]: { type: K; payload: TimelinePayloads[K] };
}[TimelineKind];

/** Every kind, once (a kind added to the payload map without being listed here is a type error). */
export const TIMELINE_KINDS = Object.keys({
  task_created: 1,
  task_updated: 1,
  task_reassigned: 1,
  task_completed: 1,
  task_deleted: 1,
  touchpoint: 1,
  attribute_changed: 1,
  form_submitted: 1,
  play_fired: 1,
  journey_entered: 1,
  journey_step: 1,
  journey_ended: 1,
  webhook_succeeded: 1,
  webhook_failed: 1,
  celebrate: 1,
  notify: 1,
  role_changed: 1,
  account_created: 1,
  account_updated: 1,
  contact_created: 1,
  contact_updated: 1,
  contact_deleted: 1,
  attachment_added: 1,
  attachment_deleted: 1,
  outcome_action_failed: 1,
} satisfies Record<TimelineKind, 1>) as TimelineKind[];
