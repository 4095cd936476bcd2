import { and, eq, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accountVisible } from '../auth/access.ts';
import {
  accounts,
  contacts,
  flows,
  forms,
  taskContacts,
  tasks,
  timelineEvents,
  users,
} from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { contactName } from './assignee.ts';
import { isOverdue } from './queries.ts';
import { priorityName } from './priority.ts';
import type { TaskDetail, TaskItem } from './schema.ts';

/** Columns of one work-list row: the task plus the names the list shows, in one round trip. */
export const taskItemColumns = {
  id: tasks.id,
  kind: tasks.kind,
  title: tasks.title,
  accountId: tasks.accountId,
  accountName: accounts.name,
  assigneeUserId: tasks.assigneeUserId,
  assigneeContactId: tasks.assigneeContactId,
  assigneeRoleId: tasks.assigneeRoleId,
  userName: users.name,
  contactFirst: contacts.firstName,
  contactLast: contacts.lastName,
  dueDate: tasks.dueDate,
  priority: tasks.priority,
  status: tasks.status,
  outcome: tasks.outcome,
  outcomes: tasks.outcomes,
  flowId: tasks.flowId,
  flowName: flows.name,
  source: tasks.source,
  playId: tasks.playId,
  fallbackReason: tasks.fallbackReason,
  completedAt: tasks.completedAt,
  createdAt: tasks.createdAt,
  version: tasks.version,
};

/** `select <item columns> from tasks join …`: add where/order/limit at the call site. */
export function selectTaskItems(db: DbOrTx) {
  return db
    .select(taskItemColumns)
    .from(tasks)
    .innerJoin(accounts, eq(accounts.id, tasks.accountId))
    .innerJoin(flows, eq(flows.id, tasks.flowId))
    .leftJoin(users, eq(users.id, tasks.assigneeUserId))
    .leftJoin(contacts, eq(contacts.id, tasks.assigneeContactId));
}

export type TaskItemRow = Awaited<
  ReturnType<ReturnType<typeof selectTaskItems>['execute']>
>[number];

export function toTaskItem(r: TaskItemRow, today: string): TaskItem {
  const assignee = r.assigneeUserId
    ? {
        type: 'user' as const,
        id: r.assigneeUserId,
        name: r.userName ?? '',
        roleId: r.assigneeRoleId,
      }
    : {
        type: 'contact' as const,
        id: r.assigneeContactId ?? '',
        name: contactName({ firstName: r.contactFirst ?? '', lastName: r.contactLast ?? '' }),
        roleId: null,
      };
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    account: { id: r.accountId, name: r.accountName },
    assignee,
    dueDate: r.dueDate,
    priority: priorityName(r.priority),
    status: r.status === 'completed' ? 'completed' : 'open',
    overdue: isOverdue(r, today),
    outcome: r.outcome,
    outcomes: r.outcomes,
    flow: { id: r.flowId, name: r.flowName },
    source: r.source,
    playId: r.playId,
    fallbackReason: r.fallbackReason,
    completedAt: r.completedAt ? r.completedAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

/**
 * The follow-up a completion created, named by the task's `task_completed` timeline entry (tasks have
 * no column for it); it is on the same account, so whoever sees the task sees it too.
 */
async function followUpOf(
  db: DbOrTx,
  taskId: string,
): Promise<{ id: string; name: string } | null> {
  const [hit] = await db
    .select({ id: tasks.id, name: tasks.title })
    .from(timelineEvents)
    .innerJoin(tasks, sql`${tasks.id}::text = ${timelineEvents.payload} ->> 'followUpTaskId'`)
    .where(
      and(
        eq(timelineEvents.taskId, taskId),
        eq(timelineEvents.type, 'task_completed'),
        ne(tasks.status, 'deleted'),
      ),
    )
    .limit(1);
  return hit ?? null;
}

const assignedBy = alias(users, 'assigned_by');
const accountable = alias(users, 'accountable');
const completedBy = alias(users, 'completed_by');
const childAccount = alias(accounts, 'child_account');

/**
 * One task in full (associated contacts, form, rules, child account). The caller has already checked
 * the task's visibility; the child account is shown only when `actor` may see it too (no leaks).
 */
export async function taskDetail(
  db: DbOrTx,
  actor: Actor,
  taskId: string,
  today: string,
): Promise<TaskDetail> {
  const [row] = await selectTaskItems(db).where(eq(tasks.id, taskId));
  const [extra] = await db
    .select({
      description: tasks.description,
      templateId: tasks.templateId,
      completionRules: tasks.completionRules,
      updatedAt: tasks.updatedAt,
      assignedById: tasks.assignedById,
      assignedByName: assignedBy.name,
      accountableId: tasks.accountabilityUserId,
      accountableName: accountable.name,
      completedById: tasks.completedById,
      completedByName: completedBy.name,
      formId: tasks.formId,
      formName: forms.name,
      formFields: forms.fields,
      childId: childAccount.id,
      childName: childAccount.name,
    })
    .from(tasks)
    .leftJoin(assignedBy, eq(assignedBy.id, tasks.assignedById))
    .leftJoin(accountable, eq(accountable.id, tasks.accountabilityUserId))
    .leftJoin(completedBy, eq(completedBy.id, tasks.completedById))
    .leftJoin(forms, eq(forms.id, tasks.formId))
    .leftJoin(
      childAccount,
      and(eq(childAccount.id, tasks.childAccountId), accountVisible(actor, childAccount.id)),
    )
    .where(eq(tasks.id, taskId));
  if (!row || !extra) throw errors.notFound('Task');
  const linked = await db
    .select({
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
    })
    .from(taskContacts)
    .innerJoin(contacts, eq(contacts.id, taskContacts.contactId))
    .where(eq(taskContacts.taskId, taskId))
    .orderBy(contacts.firstName, contacts.lastName, contacts.id);
  const followUp = row.status === 'completed' ? await followUpOf(db, taskId) : null;
  const rules = extra.completionRules ?? {};
  return {
    ...toTaskItem(row, today),
    description: extra.description,
    contacts: linked.map((c) => ({ id: c.id, name: contactName(c), email: c.email })),
    assignedBy: extra.assignedById
      ? { id: extra.assignedById, name: extra.assignedByName ?? '' }
      : null,
    accountabilityUser: extra.accountableId
      ? { id: extra.accountableId, name: extra.accountableName ?? '' }
      : null,
    completedBy: extra.completedById
      ? { id: extra.completedById, name: extra.completedByName ?? '' }
      : null,
    templateId: extra.templateId,
    form: extra.formId
      ? { id: extra.formId, name: extra.formName ?? '', fields: extra.formFields ?? [] }
      : null,
    completionRules: {
      touchpointRequired: Boolean(rules.touchpointRequired),
      attributeUpdateRequired: rules.attributeUpdateRequired ?? null,
      automaticAttributeUpdate: rules.automaticAttributeUpdate
        ? {
            key: rules.automaticAttributeUpdate.key,
            value: rules.automaticAttributeUpdate.value,
            target: rules.automaticAttributeUpdate.target ?? 'account',
          }
        : null,
    },
    childAccount: extra.childId ? { id: extra.childId, name: extra.childName ?? '' } : null,
    followUp,
    updatedAt: extra.updatedAt.toISOString(),
  };
}
