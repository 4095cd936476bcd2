import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { contacts, flows, type CompletionRules } from '../db/schema/index.ts';
import { errors, type ErrorDetail, type ErrorPath } from '../http/errors.ts';
import { resolveAssignee, type AssigneeInput } from './assignee.ts';
import { type AccountRow } from './queries.ts';
import { priorityLevel, type Priority } from './priority.ts';
import { hasContent, sanitizeRichText } from './rich-text.ts';
import { writeKnownTasks } from './write/write-known-tasks.ts';

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
 * Inserts one task inside the caller's transaction, through the one task writer (contacts, the
 * assignment e-mail, the timeline entry and the change events commit with it). `path` prefixes
 * validation paths (e.g. `followUp`) so errors point at the right field.
 */
export async function insertTask(
  deps: Deps,
  tx: DbOrTx,
  actor: Actor,
  account: AccountRow,
  input: NewTask,
  path: ErrorPath = 'body',
): Promise<{ id: string }> {
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
  const assignee = await resolveAssignee(
    tx,
    actor.workspaceId,
    account.id,
    input.assignee,
    at('assignee'),
  );
  const [id] = await writeKnownTasks(deps, tx, {
    workspaceId: actor.workspaceId,
    actor: { id: actor.userId, name: actor.name },
    tasks: [
      {
        accountId: account.id,
        accountName: account.name,
        assigneeName: assignee.ref.name,
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
        outcomes: [...new Set(input.outcomes ?? [])],
        source: input.source,
        formId: input.formId ?? null,
        completionRules: input.completionRules ?? {},
        createdById: actor.userId,
        contactIds,
      },
    ],
    changes: { cause: { actorId: actor.userId }, accountEvent: true },
  });
  if (!id) throw new Error('task insert returned nothing');
  return { id };
}
