// The merge fields a builder may insert, by label, for one destination (the "Add data" picker):
// the fixed names of merge-fields.ts that are filled there, plus the workspace's attributes.
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { attributeDefinitions } from '../db/schema/index.ts';
import { MERGE_FIELD_NAMES } from './merge-fields.ts';

export const mergeDestinations = [
  'task_title',
  'task_description',
  'request_message',
  'email_subject',
  'email_body',
  'webhook_url',
  'webhook_body',
] as const;
type Destination = (typeof mergeDestinations)[number];
type FieldName = (typeof MERGE_FIELD_NAMES)[number];

const fieldLabels: Record<FieldName, string> = {
  'account.id': 'Account ID',
  'account.name': 'Account name',
  'account.external_id': 'Account external ID',
  'account.lifecycle_stage': 'Account lifecycle stage',
  'account.account_type': 'Account type',
  'contact.id': 'Contact ID',
  'contact.external_id': 'Contact external ID',
  'contact.first_name': 'Contact first name',
  'contact.last_name': 'Contact last name',
  'contact.email': 'Contact e-mail',
  'contact.phone': 'Contact phone',
  'assignee.name': 'Assignee name',
  'assignee.email': 'Assignee e-mail',
  'play.name': 'Play name',
  'play.trigger_date': 'Date the play fired',
  'task.title': 'Task title',
  'task.due_date': 'Task due date',
  'task.priority': 'Task priority',
  'workspace.name': 'Workspace name',
  'child.name': 'Qualifying child account name',
  'child.external_id': 'Qualifying child account external ID',
};

/** Groups a destination fills: tasks know their assignee and themselves; e-mails and webhooks only the record and play. */
const taskGroups = ['account', 'contact', 'assignee', 'play', 'task', 'workspace', 'child'];
const recordGroups = ['account', 'contact', 'play'];
const groupsFor: Record<Destination, string[]> = {
  task_title: taskGroups,
  task_description: taskGroups,
  request_message: taskGroups,
  email_subject: recordGroups,
  email_body: recordGroups,
  webhook_url: recordGroups,
  webhook_body: recordGroups,
};

export const mergeFieldsQuery = z.object({
  destination: z.enum(mergeDestinations).describe('Where the text is used'),
  subject: z
    .enum(['accounts', 'contacts'])
    .optional()
    .describe("The play's records: contact fields are offered only for contacts"),
});

export const mergeFieldsResponse = z.object({
  data: z.array(
    z.object({
      field: z.string().describe('What goes between {{ and }}'),
      label: z.string(),
      group: z.enum(['account', 'contact', 'assignee', 'play', 'task', 'workspace', 'child']),
    }),
  ),
});

export async function listMergeFields(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof mergeFieldsQuery>,
): Promise<z.infer<typeof mergeFieldsResponse>> {
  const groups = groupsFor[q.destination].filter(
    (g) => g !== 'contact' || q.subject !== 'accounts',
  );
  const defs = await deps.db
    .select({
      entity: attributeDefinitions.entity,
      key: attributeDefinitions.key,
      label: attributeDefinitions.label,
    })
    .from(attributeDefinitions)
    .where(and(eq(attributeDefinitions.workspaceId, actor.workspaceId)))
    .orderBy(asc(attributeDefinitions.label));
  type Group = z.infer<typeof mergeFieldsResponse>['data'][number]['group'];
  const fixed = MERGE_FIELD_NAMES.filter(
    // A task's title is empty inside the title itself, so it is not offered there.
    (f) =>
      groups.includes(f.split('.')[0]!) && !(q.destination === 'task_title' && f === 'task.title'),
  ).map((f) => ({ field: f, label: fieldLabels[f], group: f.split('.')[0] as Group }));
  const attrs = defs
    .filter((d) => groups.includes(d.entity))
    .map((d) => ({
      field: `${d.entity}.attributes.${d.key}`,
      label: `${d.entity === 'account' ? 'Account' : 'Contact'}: ${d.label}`,
      group: d.entity as Group,
    }));
  return { data: [...fixed, ...attrs] };
}
