// The one home for the words the app shows instead of the API's codes. Each map is typed from the
// generated API (or the server's own union) as a full Record, so a new code on the server is a compile
// error here until it has a label; codes the API types only as strings fall back to plain words.
import type { operations } from './api-schema';
import type { Role } from './roles';
import type { FallbackReason } from '../../../src/assignment/rule.ts';
import type { TimelineEvent } from '../../../src/timeline/events.ts';
import type { Trigger } from '../../../src/plays/schema.ts';

type Json<Op extends keyof operations> = operations[Op] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Item<Op extends keyof operations> = Json<Op> extends { data: Array<infer I> } ? I : never;

export type RunKind = Item<'getPlaysByIdRuns'>['kind'];
export type RunResultCode = Item<'getPlaysByIdRunsByRunIdResults'>['result'];
export type OutboxStatus = Item<'getOutbox'>['status'];
export type DeliveryStatus = Item<'getWebhooksDeliveries'>['status'];
export type AuditKind = NonNullable<
  NonNullable<operations['getAuditEvents']['parameters']['query']>['kind']
>;
export type TimelineType = TimelineEvent['type'];
export type AttributeType = Item<'getAttributeDefinitions'>['type'];
export type { FallbackReason };

/** "tasks_reassigned" → "Tasks reassigned", "playsHandedOver" → "Plays handed over": the last resort for a code without a label. */
export function humanize(code: string): string {
  const s = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const lookup = (map: Record<string, string>, code: string | null | undefined) =>
  code ? (Object.hasOwn(map, code) ? map[code]! : humanize(code)) : '';

/** What kind of value an attribute holds (Settings → Attributes). */
export const attributeTypeLabels: Record<AttributeType, string> = {
  text: 'Text',
  number: 'Number',
  boolean: 'Yes / no',
  date: 'Date',
  enum: 'Choice list',
  user: 'User',
};

/** Why a play run happened. */
export const runKindLabels: Record<RunKind, string> = {
  enter: 'Records entered',
  exit: 'Records left',
  manual: 'Run by hand',
  recurring: 'Scheduled',
  task_completed: 'Task completed',
  enable: 'Enabled',
  sweep: 'Daily check',
  dry_run: 'Dry run',
  enroll: 'Enrolled by a play',
  journey: 'Journey step',
};
export const runKindLabel = (kind: string) => lookup(runKindLabels, kind);

export type PlayStatus = Item<'getPlays'>['status'];
export type PlayTriggerType = Trigger['type'];
/** Whether a play fires (plays list, play page). */
export const playStatusLabels: Record<PlayStatus, string> = {
  enabled: 'Enabled',
  disabled: 'Disabled',
};
/** What makes a play fire, as the plays list says it. */
export const playTriggerLabels: Record<PlayTriggerType, string> = {
  enter: 'Meets the criteria',
  exit: 'No longer meets the criteria',
  manual: 'Run by hand',
  recurring: 'On a schedule',
  task_completed: 'Task completed',
};

/** What one action did (or would do) for one record. */
export const runResultLabels: Record<RunResultCode, string> = {
  created: 'Task created',
  skipped_open_task: 'Skipped: an open task already exists',
  updated: 'Updated',
  notified: 'Team notified',
  webhook_enqueued: 'Webhook queued',
  emailed: 'E-mail sent',
  tagged: 'Tags changed',
  enrolled: 'Enrolled in the play',
  skipped: 'Skipped',
  would_create: 'Would create a task',
  would_update: 'Would update',
  would_notify: 'Would notify the team',
  would_send: 'Would send',
  error: 'Error',
  held_out: 'Held out: no action, to measure the play against',
  would_hold_out: 'Would be held out: no action, to measure the play against',
};
export const runResultLabel = (result: string) => lookup(runResultLabels, result);

/** Why an action skipped a record (`detail.reason` of a run result; written by the actions on the server). */
export const skipReasonLabels: Record<string, string> = {
  no_parent_account: 'the account has no parent account',
  no_email: 'the contact has no e-mail address',
  webhook_disabled: 'webhooks are turned off for this workspace',
  play_not_enabled: 'the play to enrol in is not enabled',
  loop: 'the plays would enrol each other in a loop',
  chain_too_deep: 'too many plays enrolled one another',
  contact_play_from_account_play: 'an account play cannot enrol contacts in a contact play',
  criteria_changed: 'the criteria changed',
};
export const skipReasonLabel = (reason: string) =>
  Object.hasOwn(skipReasonLabels, reason)
    ? skipReasonLabels[reason]!
    : humanize(reason).toLowerCase();

/** Why a task went to the fallback user (src/assignment/rule.ts). */
export const fallbackReasonLabels: Record<FallbackReason, string> = {
  user_disabled: 'The assignee named by the play is disabled.',
  no_role_holder: 'Nobody holds the account role the play assigns to.',
  role_holder_disabled: 'The holder of the account role is disabled.',
  pool_empty: 'The pool has no enabled member.',
  nobody_available: 'Nobody in the pool was available.',
};
export const fallbackReasonLabel = (reason: string) => lookup(fallbackReasonLabels, reason);

export const outboxStatusLabels: Record<OutboxStatus, string> = {
  pending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  outbox: 'Not sent (no mail server)',
};

/** What an outbox message is; the API types it as a string, so unknown kinds fall back to plain words. */
export const outboxKindLabels: Record<string, string> = {
  task_assigned: 'Task assigned',
  task_reminder: 'Task reminder',
  task_notification_assigned: 'Task notification',
  task_notification_before: 'Reminder before due',
  task_notification_after: 'Overdue reminder',
  tasks_reassigned: 'Tasks reassigned',
  tasks_handed_over: 'Tasks handed over',
  ownership_summary: 'Ownership summary',
  daily_digest: 'Daily digest',
  play_contact_email: 'Play e-mail to a contact',
  play_celebrate: 'Celebration',
  play_notify: 'Team notification',
  outcome_email: 'Outcome e-mail',
  sms: 'Text message',
};
export const outboxKindLabel = (kind: string) => lookup(outboxKindLabels, kind);

export const deliveryStatusLabels: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  failed: 'Failed, will retry',
  succeeded: 'Delivered',
  dead: 'Gave up',
};

/** The kind of a timeline event, for its badge (the sentence itself is describe-event.ts). */
export const timelineTypeLabels: Record<TimelineType, string> = {
  task_created: 'Task created',
  task_updated: 'Task edited',
  task_reassigned: 'Task reassigned',
  task_completed: 'Task completed',
  task_deleted: 'Task deleted',
  touchpoint: 'Touchpoint',
  attribute_changed: 'Attribute changed',
  form_submitted: 'Form submitted',
  play_fired: 'Play fired',
  journey_entered: 'Entered a journey',
  journey_step: 'Journey step',
  journey_ended: 'Left a journey',
  webhook_succeeded: 'Webhook delivered',
  webhook_failed: 'Webhook failed',
  celebrate: 'Celebration',
  notify: 'Notification',
  role_changed: 'Account role changed',
  account_created: 'Account created',
  account_updated: 'Account edited',
  contact_created: 'Contact added',
  contact_updated: 'Contact edited',
  contact_deleted: 'Contact removed',
  attachment_added: 'File added',
  attachment_deleted: 'File deleted',
  outcome_action_failed: 'Automation failed',
};
export const timelineTypeLabel = (type: string) => lookup(timelineTypeLabels, type);

export const auditKindLabels: Record<AuditKind, string> = {
  'workspace.updated': 'Workspace settings changed',
  'user.created': 'User added',
  'user.updated': 'User edited',
  'user.disabled': 'User disabled',
  'user.enabled': 'User enabled',
  'team.created': 'Team created',
  'team.renamed': 'Team renamed',
  'team.members_set': 'Team members changed',
  'team.deleted': 'Team deleted',
  'team.calendar_set': 'Team holiday calendar changed',
  'account_role.created': 'Account role created',
  'account_role.renamed': 'Account role renamed',
  'account_role.deleted': 'Account role deleted',
  'flow.created': 'Flow created',
  'flow.renamed': 'Flow renamed',
  'flow.deleted': 'Flow deleted',
  'touchpoint_type.created': 'Touchpoint type added',
  'touchpoint_type.updated': 'Touchpoint type edited',
  'form.created': 'Form created',
  'form.updated': 'Form edited',
  'form.deleted': 'Form deleted',
  'attribute.created': 'Attribute created',
  'attribute.updated': 'Attribute edited',
  'attribute.deleted': 'Attribute deleted',
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
  'webhook.allowlist_set': 'Webhook allow-list changed',
  'webhook.settings_updated': 'Webhook settings changed',
  'webhook.signing_secret_rotated': 'Webhook signing secret rotated',
  'accounts.imported': 'Accounts imported',
  'contacts.imported': 'Contacts imported',
  'holiday.added': 'Holiday added',
  'holiday.removed': 'Holiday removed',
  'holidays.replaced': 'Holiday calendar replaced',
  'play.published': 'Play version published',
  'play.version_restored': 'Play version restored',
  'play.draft_discarded': 'Play draft discarded',
};
export const auditKindLabel = (kind: string) => lookup(auditKindLabels, kind);

export const roleLabels: Record<Role, string> = {
  admin: 'Admin',
  advanced: 'Advanced',
  standard: 'Standard',
};
export const roleLabel = (role: string) => lookup(roleLabels, role);

type FilterOp = import('../features/accounts/list/url-state').FilterOp;
export type FilterWordsKind = 'number' | 'date' | 'text' | 'choice';
const presenceWords: Array<[FilterOp, string]> = [
  ['set', 'has a value'],
  ['empty', 'is empty'],
];
/** The accounts list's column filter conditions, in the order offered; their words depend on the column's kind. */
export const filterOpWords: Record<FilterWordsKind, Array<[FilterOp, string]>> = {
  number: [
    ['lt', 'less than'],
    ['lte', 'less than or equal'],
    ['eq', 'equal to'],
    ['gte', 'more than or equal'],
    ['gt', 'more than'],
    ...presenceWords,
  ],
  date: [
    ['lt', 'before'],
    ['lte', 'on or before'],
    ['eq', 'on'],
    ['gte', 'on or after'],
    ['gt', 'after'],
    ...presenceWords,
  ],
  text: [['contains', 'contains'], ['eq', 'is'], ...presenceWords],
  choice: [['eq', 'is'], ...presenceWords],
};

// Journeys (SPEC §13): step types, wait units and starting points, exit policies, re-entry, why a journey ended.
type JourneyStepDef = import('../../../src/plays/journeys/steps.ts').Step;
type JourneyExitRules = import('../../../src/plays/journeys/steps.ts').ExitRules;
type JourneyReentry = import('../../../src/plays/journeys/steps.ts').Reentry;
export type JourneyStepType = JourneyStepDef['type'];
export type DurationUnit = Extract<JourneyStepDef, { type: 'wait' }>['duration']['unit'];
export type WaitFromKind = Extract<JourneyStepDef, { type: 'wait' }>['from']['kind'];
export type ExitPolicyCode = JourneyExitRules['openTasks']['policy'];
export type ReentryMode = JourneyReentry['mode'];

/** The "Add step" menu and each step card's badge. */
export const journeyStepTypeLabels: Record<JourneyStepType, string> = {
  action: 'Action',
  wait: 'Wait',
  wait_until: 'Wait until',
  branch: 'Branch',
  go_to: 'Go to',
  end: 'End',
};
/** A wait's unit, as a count reads: "2 working days" (the singular drops the last "s"). */
export const durationUnitLabels: Record<DurationUnit, string> = {
  days: 'days',
  working_days: 'working days',
  hours: 'hours',
};
export const durationWords = (n: number, unit: DurationUnit) =>
  `${n} ${n === 1 ? durationUnitLabels[unit].replace(/s$/, '') : durationUnitLabels[unit]}`;
/** Where a wait counts from. */
export const waitFromLabels: Record<WaitFromKind, string> = {
  previous_step: 'after the previous step',
  entry: 'after the record entered the journey',
  attribute: 'from a date attribute',
};
/** What happens to a journey's open tasks when the record leaves. */
export const exitPolicyLabels: Record<ExitPolicyCode, string> = {
  keep: 'Keep them open',
  cancel: 'Cancel them',
  complete: 'Complete them with an outcome',
};
export const reentryModeLabels: Record<ReentryMode, string> = {
  once: 'Once ever',
  after_end: 'Again after the previous journey ended',
  every_n_days: 'At most every N days',
};

type JourneyOut = import('./api-schema').components['schemas']['Journey'];
export type JourneyStatusCode = JourneyOut['status'];
export type JourneyEndReason = NonNullable<JourneyOut['endReason']>;
export type JourneyWaitKind = NonNullable<JourneyOut['waitingFor']>['kind'];
export const journeyStatusLabels: Record<JourneyStatusCode, string> = {
  running: 'Running',
  ended: 'Ended',
};
/** Why a record's journey ended. */
export const journeyEndReasonLabels: Record<JourneyEndReason, string> = {
  end: 'Reached the end',
  exit_criteria: 'Met the exit criteria',
  left_trigger: "No longer met the play's criteria",
  removed: 'Removed from the journey',
  holdout: 'Held out: no steps run',
  play_deleted: 'The play was deleted',
};
/** What a journey's current step waits for. */
export const journeyWaitKindLabels: Record<JourneyWaitKind, string> = {
  time: 'Waiting for time to pass',
  task_completed: 'Waiting for a task to be completed',
  criteria: 'Waiting for the record to meet the conditions',
};

/** The unit of a due offset (SPEC §14): the server's `dueUnit`. */
export type DueUnit = import('../../../src/working-days/due-unit.ts').DueUnit;
export const dueUnitLabels: Record<DueUnit, string> = {
  days: 'days',
  working_days: 'working days',
};

/** ISO weekdays (1 = Monday … 7 = Sunday), as the workspace's working days are stored. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const weekdayLabels: Record<IsoWeekday, string> = {
  1: 'Monday',
  2: 'Tuesday',
  3: 'Wednesday',
  4: 'Thursday',
  5: 'Friday',
  6: 'Saturday',
  7: 'Sunday',
};

/** The built-in touchpoint types' words (one home with the server's timeline sentences); a workspace's own types come with their label from `GET /touchpoint-types`. */
export { BUILTIN_TOUCHPOINT_TYPES as touchpointTypeLabels } from '../../../src/touchpoints/types/builtin.ts';
