import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  contacts,
  flows,
  taskContacts,
  tasks,
  type CompletionRules,
  type WorkspaceSettings,
} from '../db/schema/index.ts';
import { recordChanges } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors, type ErrorDetail, type ErrorPath } from '../http/errors.ts';
import { resolveAssignee, type AssigneeInput } from './assignee.ts';
import { sendAssignmentEmail } from './notify.ts';
import { type AccountRow, type TaskRow } from './queries.ts';
import { priorityLevel, type Priority } from './priority.ts';
import { hasContent, sanitizeRichText } from './rich-text.ts';

export type NewTask = {
  kind: 'todo' | 'request_info';
  title: string;
  description: string;
  flowId: string;
  assignee: AssigneeInput;
  dueDate: string;
  priority: Priority;
  outcomes?: string[];
  contactIds?: string[];
  formId?: string;
  source: 'manual' | 'follow_up';
  completionRules?: CompletionRules;
};

/**
 * Inserts one task inside the caller's transaction with everything that must commit with it:
 * associated contacts, the assignment e-mail, the timeline entry and the change events.
 * `path` prefixes validation paths (e.g. `followUp`) so errors point at the right field.
 */
export async function insertTask(
  deps: Deps,
  tx: DbOrTx,
  actor: Actor,
  account: AccountRow,
  settings: WorkspaceSettings,
  input: NewTask,
  path: ErrorPath = 'body',
): Promise<TaskRow> {
  const at = (f: string): ErrorPath => `${path}.${f}`;
  const description = sanitizeRichText(input.description);
  if (input.kind === 'todo' && !hasContent(description)) {
    throw errors.field(
      at('description'),
      'The description is empty once unsafe content is removed.',
    );
  }
  const [flow] = await tx
    .select({ id: flows.id })
    .from(flows)
    .where(and(eq(flows.id, input.flowId), eq(flows.workspaceId, actor.workspaceId)));
  if (!flow) throw errors.field(at('flowId'), 'No such flow in this workspace.');
  const contactIds = [...new Set(input.contactIds ?? [])];
  if (contactIds.length) {
    const found = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          inArray(contacts.id, contactIds),
          eq(contacts.workspaceId, actor.workspaceId),
          eq(contacts.accountId, account.id),
        ),
      );
    const ok = new Set(found.map((c) => c.id));
    const bad: ErrorDetail[] = contactIds.flatMap((id, i) =>
      ok.has(id) ? [] : [{ path: at(`contactIds.${i}`), message: 'not a contact of this account' }],
    );
    if (bad.length) throw errors.validation(bad);
  }
  const outcomes = [...new Set(input.outcomes ?? [])];
  const assignee = await resolveAssignee(
    tx,
    actor.workspaceId,
    account.id,
    input.assignee,
    at('assignee'),
  );
  const now = deps.clock.now();
  const [task] = await tx
    .insert(tasks)
    .values({
      workspaceId: actor.workspaceId,
      accountId: account.id,
      kind: input.kind,
      title: input.title,
      description,
      flowId: flow.id,
      assigneeUserId: assignee.assigneeUserId,
      assigneeContactId: assignee.assigneeContactId,
      assigneeRoleId: assignee.assigneeRoleId,
      assignedById: actor.userId,
      dueDate: input.dueDate,
      priority: priorityLevel[input.priority],
      outcomes,
      source: input.source,
      formId: input.formId ?? null,
      completionRules: input.completionRules ?? {},
      createdById: actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!task) throw new Error('task insert returned nothing');
  if (contactIds.length) {
    await tx.insert(taskContacts).values(
      contactIds.map((contactId) => ({
        workspaceId: actor.workspaceId,
        taskId: task.id,
        contactId,
      })),
    );
  }
  await sendAssignmentEmail(deps, tx, {
    workspaceId: actor.workspaceId,
    settings,
    user: assignee.user,
    task,
    accountName: account.name,
    assignedByName: actor.name,
  });
  await recordTimeline(tx, {
    workspaceId: actor.workspaceId,
    accountId: account.id,
    userId: assignee.assigneeUserId,
    actorId: actor.userId,
    taskId: task.id,
    type: 'task_created',
    at: now,
    payload: {
      title: task.title,
      kind: task.kind,
      source: task.source,
      assignee: assignee.ref,
      dueDate: task.dueDate,
      priority: input.priority,
    },
  });
  await recordChanges(tx, [
    {
      workspaceId: actor.workspaceId,
      entity: 'task',
      entityId: task.id,
      accountId: account.id,
      kind: 'created',
      payload: {
        kind: task.kind,
        source: task.source,
        flowId: task.flowId,
        assigneeUserId: task.assigneeUserId,
        playId: null,
        templateId: null,
      },
    },
    {
      workspaceId: actor.workspaceId,
      entity: 'account',
      entityId: account.id,
      accountId: account.id,
      kind: 'updated',
      payload: { cause: 'task_created', taskId: task.id },
    },
  ]);
  return task;
}
