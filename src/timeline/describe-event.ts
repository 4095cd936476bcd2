// One sentence per timeline event, shared by the web app and the server's tests. Pure: no imports but
// the event types and the pure sentence and word files (play actions, touchpoint types), so both tsconfigs compile it. Payloads
// of old rows may lack newer keys, so every value is read defensively and a missing name becomes a
// word, never an empty gap.
import type { PersonRef, TimelineEvent, TimelinePayloads } from './events.ts';
import type { OutcomeActionType } from '../templates/outcome-action.ts';
import { notifyTeamText } from '../plays/actions/notify-team/timeline-text.ts';
import { webhookText } from '../plays/actions/webhook/timeline-text.ts';
import { builtinTouchpointLabel } from '../touchpoints/types/builtin.ts';

/** What the reader knows beyond the payload: attribute labels from the workspace's definitions. */
export type DescribeContext = {
  attributeLabel: (entity: 'account' | 'contact', key: string) => string | undefined;
};

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
const quoted = (v: unknown, otherwise: string) => (text(v) ? `"${text(v)}"` : otherwise);
const person = (p: PersonRef | null | undefined, otherwise: string) =>
  (p && typeof p === 'object' && text(p.name)) || otherwise;
/** "renewal_date" → "Renewal date", for keys whose definition is gone. */
const humanize = (key: string) => {
  const s = key.replace(/[_.]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (Array.isArray(v)) return v.length ? v.map(value).join(', ') : '(empty)';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const recordFields: Record<string, string> = {
  name: 'name',
  externalId: 'external id',
  lifecycleStage: 'stage',
  accountType: 'type',
  tags: 'tags',
  parentId: 'parent',
  teams: 'teams',
  firstName: 'first name',
  lastName: 'last name',
  email: 'e-mail',
  phone: 'phone',
  accountId: 'account',
};
const taskFields: Record<string, string> = {
  title: 'title',
  description: 'description',
  dueDate: 'due date',
  priority: 'priority',
  assignee: 'assignee',
};
const outcomeActions: Record<string, string> = {
  add_tag: 'adding a tag',
  remove_tag: 'removing a tag',
  set_attribute: 'setting an attribute',
  send_email: 'sending an e-mail',
  create_task_from_template: 'creating a follow-up task',
  enroll_in_play: 'enrolling in a play',
} satisfies Record<OutcomeActionType, string>;
const fieldList = (fields: unknown, names: Record<string, string>) =>
  (Array.isArray(fields) ? fields : [])
    .map((f) => names[text(f)] ?? humanize(text(f)))
    .filter(Boolean)
    .join(', ');

/** "stage: Onboarding → Adoption, tags" from an edit's before/after values (ids and lists are named, not dumped). */
function changesText(p: TimelinePayloads['account_updated']): string {
  const changes = p.changes && typeof p.changes === 'object' ? p.changes : {};
  const fields = Array.isArray(p.fields) ? p.fields : Object.keys(changes);
  const scalar = (v: unknown) =>
    v === null || v === undefined || typeof v === 'string' || typeof v === 'number';
  return (
    fields
      .map((f) => {
        const label = recordFields[f] ?? humanize(f);
        const c = changes[f];
        return c && scalar(c.from) && scalar(c.to) && !f.endsWith('Id')
          ? `${label}: ${value(c.from)} → ${value(c.to)}`
          : label;
      })
      .join(', ') || 'details'
  );
}

function taskCreated(p: TimelinePayloads['task_created']): string {
  const title = quoted(p.title, 'a task');
  const to = p.assignee ? ` for ${person(p.assignee, 'someone')}` : '';
  switch (p.source) {
    case 'play':
      return `Play ${quoted(p.playName, 'a play')} created ${title}${to}`;
    case 'template':
      return `Task ${title} created from a template${to}`;
    case 'follow_up':
      return `Follow-up task ${title} created${to}`;
    default:
      return `Task ${title} created${to}`;
  }
}

function attributeChanged(p: TimelinePayloads['attribute_changed'], ctx: DescribeContext): string {
  const entity = p.entity === 'contact' ? 'contact' : 'account';
  const key = text(p.key);
  const label = ctx.attributeLabel(entity, key) ?? humanize(key);
  const whose = entity === 'contact' ? `${text(p.contactName) || 'A contact'}'s ` : '';
  const by = text(p.playName)
    ? ` by play "${text(p.playName)}"`
    : text(p.outcome)
      ? ` after outcome "${text(p.outcome)}"`
      : p.cause === 'form'
        ? ' by a form'
        : p.cause === 'task_completion'
          ? ' on task completion'
          : '';
  const change =
    p.to === null || p.to === undefined || p.to === ''
      ? `cleared (was ${value(p.from)})`
      : `changed: ${value(p.from)} → ${value(p.to)}`;
  return `${whose}${whose ? label : label.charAt(0).toUpperCase() + label.slice(1)} ${change}${by}`;
}

/** " with Ana Lima, Bo Chen" for a touchpoint's participants (none, or an older row: nothing). */
function withPeople(people: unknown): string {
  const names = Array.isArray(people)
    ? people.map((p: PersonRef | null) => person(p, '')).filter(Boolean)
    : [];
  return names.length ? ` with ${names.join(', ')}` : '';
}

/** The sentence for one event; a kind without a sentence is a type error (the switch is exhaustive). */
export function describeEvent(e: TimelineEvent, ctx: DescribeContext): string {
  switch (e.type) {
    case 'task_created':
      return taskCreated(e.payload);
    case 'task_updated':
      return `Task ${quoted(e.payload.title, '(untitled)')} edited (${fieldList(e.payload.fields, taskFields) || 'details'})`;
    case 'task_reassigned': {
      const p = e.payload;
      const why =
        p.reason === 'dynamic'
          ? ' (assignee rule run again)'
          : p.reason === 'user_disabled'
            ? ' (previous assignee disabled)'
            : '';
      return `Task ${quoted(p.title, '(untitled)')} reassigned from ${person(p.previousAssignee, 'nobody')} to ${person(p.newAssignee, 'someone')}${why}`;
    }
    case 'task_completed':
      return `Task ${quoted(e.payload.title, '(untitled)')} completed${text(e.payload.outcome) ? ` (outcome: ${text(e.payload.outcome)})` : ''}`;
    case 'task_deleted':
      return `Task ${quoted(e.payload.title, '(untitled)')} deleted`;
    case 'touchpoint':
      return `${text(e.payload.typeLabel) || builtinTouchpointLabel(text(e.payload.type), 'Touchpoint')} logged: ${text(e.payload.subject) || '(no subject)'}${withPeople(e.payload.participants)}`;
    case 'attribute_changed':
      return attributeChanged(e.payload, ctx);
    case 'form_submitted':
      return `Form ${quoted(e.payload.formName, '(unnamed)')} submitted`;
    case 'play_fired':
      return `Play ${quoted(e.payload.playName, '(unnamed)')} fired`;
    case 'journey_entered':
      return e.payload.holdout
        ? `Entered the journey ${quoted(e.payload.playName, '(unnamed)')}, held out (no steps run)`
        : `Entered the journey ${quoted(e.payload.playName, '(unnamed)')}`;
    case 'journey_step':
      return `Journey ${quoted(e.payload.playName, '(unnamed)')}: ${e.payload.summary}`;
    case 'journey_ended':
      return `Left the journey ${quoted(e.payload.playName, '(unnamed)')}: ${JOURNEY_END_WORDS[e.payload.reason]}${openTasksWords(e.payload.openTasks)}`;
    // Kinds a play action writes itself: their sentences live with the action (actions/<kind>/timeline-text.ts).
    case 'webhook_succeeded':
      return webhookText.webhook_succeeded(e.payload);
    case 'webhook_failed':
      return webhookText.webhook_failed(e.payload);
    case 'celebrate':
      return notifyTeamText.celebrate(e.payload);
    case 'notify':
      return notifyTeamText.notify(e.payload);
    case 'role_changed': {
      const p = e.payload;
      const moved =
        typeof p.movedTasks === 'number' && p.movedTasks > 0
          ? ` (${p.movedTasks} open tasks moved)`
          : '';
      return `${text(p.roleName) || 'Account role'}: ${text(p.fromUserName) || 'nobody'} → ${text(p.toUserName) || 'nobody'}${p.reason === 'user_disabled' ? ' (user disabled)' : ''}${moved}`;
    }
    case 'account_created':
      return `Account ${quoted(e.payload.name, '(unnamed)')} created`;
    case 'account_updated':
      return `Account edited: ${changesText(e.payload)}`;
    case 'contact_created':
      return `Contact ${quoted(e.payload.name, '(unnamed)')} added`;
    case 'contact_updated':
      return `Contact ${quoted(e.payload.name, '(unnamed)')} edited: ${changesText(e.payload)}`;
    case 'contact_deleted':
      return `Contact ${quoted(e.payload.name, '(unnamed)')} removed`;
    case 'attachment_added':
      return `File ${quoted(e.payload.filename, '(unnamed)')} added`;
    case 'attachment_deleted':
      return `File ${quoted(e.payload.filename, '(unnamed)')} deleted`;
    case 'outcome_action_failed': {
      const p = e.payload;
      return `After outcome ${quoted(p.outcome, '(none)')} on ${quoted(p.taskTitle, 'a task')}, ${outcomeActions[text(p.type)] ?? 'an automation'} failed${text(p.error) ? `: ${text(p.error)}` : ''}`;
    }
    default: {
      // A new kind without a sentence fails here at compile time; rows of kinds no longer written still get a line.
      const unknownKind: never = e;
      return humanize(String((unknownKind as { type: unknown }).type));
    }
  }
}

/** Why a journey ended, in words (journeys.end_reason). */
export const JOURNEY_END_WORDS: Record<TimelinePayloads['journey_ended']['reason'], string> = {
  end: 'reached the end',
  exit_criteria: 'met the exit criteria',
  left_trigger: 'no longer meets the trigger criteria',
  removed: 'removed by a user',
  holdout: 'held out',
  play_deleted: 'the play was deleted',
};

function openTasksWords(o: TimelinePayloads['journey_ended']['openTasks']): string {
  if (!o || o.count === 0 || o.policy === 'keep') return '';
  const n = o.count === 1 ? '1 open task' : `${o.count} open tasks`;
  return o.policy === 'cancel' ? ` (${n} cancelled)` : ` (${n} completed)`;
}
