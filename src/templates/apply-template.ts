import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import {
  accounts,
  contacts,
  forms,
  taskContacts,
  tasks,
  users,
  workspaces,
} from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { assigneeRuleSchema } from '../assignment/rule.ts';
import { resolveAssignee } from '../assignment/resolve.ts';
import { recordChanges } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors, type ErrorDetail } from '../http/errors.ts';
import { sanitizeRichText } from '../tasks/rich-text.ts';
import { addDays, todayIn } from '../workspaces/dates.ts';
import { mergeContextFrom } from './merge-fields.ts';
import { renderTemplate } from './render.ts';
import { renderTitle } from './render-title.ts';
import { contactFieldsIn } from './contact-fields.ts';
import { loadTemplate } from './manage-templates.ts';
import { notifyTemplateTaskAssigned } from './notify-template-task.ts';
import type { ApplyTemplateInput } from './schema.ts';

type AccountRow = typeof accounts.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;
const priorityNames = { 1: 'high', 2: 'normal', 3: 'low' } as const;

/** The targets the caller named, all visible to them; anything else is reported per index (never revealed). */
async function loadTargets(deps: Deps, actor: Actor, input: ApplyTemplateInput) {
  const accountIds = [...new Set(input.accountIds ?? [])];
  const contactIds = [...new Set(input.contactIds ?? [])];
  const foundAccounts = accountIds.length
    ? await deps.db
        .select()
        .from(accounts)
        .where(
          and(
            inArray(accounts.id, accountIds),
            eq(accounts.workspaceId, actor.workspaceId),
            accountVisible(actor, accounts.id),
          ),
        )
    : [];
  const foundContacts = contactIds.length
    ? await deps.db
        .select({ contact: contacts, account: accounts })
        .from(contacts)
        .innerJoin(accounts, eq(accounts.id, contacts.accountId))
        .where(
          and(
            inArray(contacts.id, contactIds),
            eq(contacts.workspaceId, actor.workspaceId),
            accountVisible(actor, contacts.accountId),
          ),
        )
    : [];
  const byAccount = new Map(foundAccounts.map((a) => [a.id, a]));
  const byContact = new Map(foundContacts.map((r) => [r.contact.id, r]));
  const d: ErrorDetail[] = [];
  (input.accountIds ?? []).forEach((id, i) => {
    if (!byAccount.has(id)) d.push({ path: `body.accountIds.${i}`, message: 'no such account' });
  });
  (input.contactIds ?? []).forEach((id, i) => {
    if (!byContact.has(id)) d.push({ path: `body.contactIds.${i}`, message: 'no such contact' });
  });
  if (d.length) throw errors.validation(d, 'Some targets were not found.');
  const targets: Array<{ account: AccountRow; contact: ContactRow | null }> = [
    ...accountIds.map((id) => ({ account: byAccount.get(id)!, contact: null })),
    ...contactIds.map((id) => ({
      account: byContact.get(id)!.account,
      contact: byContact.get(id)!.contact,
    })),
  ];
  return targets;
}

/**
 * Applies a template by hand (SPEC §3): one task per account, and per contact (on the contact's
 * account, with the contact associated). Merge fields are rendered per target, the assignee comes
 * from the template's rule (falling back to the caller), and everything commits together.
 */
export async function applyTemplate(
  deps: Deps,
  actor: Actor,
  templateId: string,
  input: ApplyTemplateInput,
) {
  const tpl = await loadTemplate(deps, actor, templateId);
  const rule = assigneeRuleSchema.safeParse(tpl.assigneeRule);
  if (!rule.success)
    throw errors.unprocessable(
      "This template's assignee rule is no longer valid; edit the template.",
    );
  const targets = await loadTargets(deps, actor, input);
  // SPEC §3: a template that speaks to a contact is never rendered empty on an account.
  const needsContact = contactFieldsIn([tpl.title, tpl.description]);
  if (needsContact.length && input.accountIds?.length) {
    const fields = needsContact.map((f) => `{{${f}}}`).join(', ');
    throw errors.validation(
      [
        {
          path: 'body.accountIds',
          message: `This template uses ${fields}, which only a contact can fill: apply it to contacts (contactIds) instead.`,
        },
      ],
      `The template uses ${fields}; apply it to contacts, not accounts.`,
    );
  }
  if (tpl.formId) {
    const [form] = await deps.db.select().from(forms).where(eq(forms.id, tpl.formId));
    const wrong = targets.filter((t) => t.account.accountType !== form?.accountType);
    if (wrong.length)
      throw errors.validation(
        wrong.map((t) => ({
          path: 'body',
          message: `the template's form is for "${form?.accountType}" accounts; ${t.account.name} is "${t.account.accountType}"`,
        })),
      );
  }
  const [ws] = await deps.db.select().from(workspaces).where(eq(workspaces.id, actor.workspaceId));
  if (!ws) throw errors.notFound('Workspace');
  const now = deps.clock.now();
  const dueDate = input.dueDate ?? addDays(todayIn(ws.timeZone, now), tpl.dueOffsetDays);
  const outcomes = (tpl.outcomes as Array<{ name: string }>).map((o) => o.name);
  const names = new Map<string, { name: string; email: string }>();

  return deps.db.transaction(async (tx) => {
    const created = [];
    for (const { account, contact } of targets) {
      const resolved = await resolveAssignee(tx, {
        workspaceId: actor.workspaceId,
        accountId: account.id,
        rule: rule.data,
        now,
        fallback: { ownerUserId: actor.userId, createdBy: actor.userId },
        cursorKey: `template:${tpl.id}`,
      });
      const assigneeId = resolved.userId ?? actor.userId;
      if (!names.has(assigneeId)) {
        const [u] = await tx
          .select({ name: users.name, email: users.email })
          .from(users)
          .where(eq(users.id, assigneeId));
        names.set(assigneeId, u ?? { name: '', email: '' });
      }
      const base = { account, contact, assignee: names.get(assigneeId)!, workspace: ws };
      const priority = priorityNames[tpl.priority as 1 | 2 | 3];
      const title =
        renderTitle(
          tpl.title,
          mergeContextFrom({ ...base, task: { title: '', dueDate, priority } }),
        ).slice(0, 300) || tpl.name;
      // Rendered values were escaped for HTML; sanitizing again also drops a value that forms a javascript: link.
      const description = sanitizeRichText(
        renderTemplate(
          tpl.description,
          mergeContextFrom({ ...base, task: { title, dueDate, priority } }),
          'html',
        ),
      );
      const [task] = await tx
        .insert(tasks)
        .values({
          workspaceId: actor.workspaceId,
          accountId: account.id,
          kind: tpl.formId ? 'request_info' : 'todo',
          title,
          description,
          flowId: tpl.flowId,
          assigneeUserId: assigneeId,
          assignedById: actor.userId,
          dueDate,
          priority: tpl.priority,
          outcomes,
          source: 'template',
          templateId: tpl.id,
          formId: tpl.formId,
          completionRules: tpl.completionRules,
          fallbackReason: resolved.fallbackReason,
          createdById: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!task) throw new Error('task insert returned nothing');
      if (contact)
        await tx
          .insert(taskContacts)
          .values({ workspaceId: actor.workspaceId, taskId: task.id, contactId: contact.id });
      await recordTimeline(tx, {
        workspaceId: actor.workspaceId,
        accountId: account.id,
        userId: assigneeId,
        actorId: actor.userId,
        taskId: task.id,
        type: 'task_created',
        at: now,
        payload: {
          title,
          kind: task.kind,
          source: 'template',
          templateId: tpl.id,
          assignee: { type: 'user', id: assigneeId, name: names.get(assigneeId)!.name },
          dueDate,
          priority: priorityNames[tpl.priority as 1 | 2 | 3],
          ...(contact ? { contactId: contact.id } : {}),
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
            source: 'template',
            flowId: task.flowId,
            assigneeUserId: assigneeId,
            playId: null,
            templateId: tpl.id,
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
      await notifyTemplateTaskAssigned(deps, tx, {
        task: { ...task, assigneeUserId: assigneeId },
        accountName: account.name,
        assignedByName: actor.name,
        settings: ws.settings,
        rules: tpl.notificationRules,
      });
      created.push({
        id: task.id,
        accountId: account.id,
        contactId: contact?.id ?? null,
        title,
        dueDate,
        assigneeUserId: assigneeId,
        fallbackReason: resolved.fallbackReason,
      });
    }
    return { created: created.length, tasks: created };
  });
}
