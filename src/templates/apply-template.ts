import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { accounts, contacts, forms, users } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { assigneeRuleSchema } from '../assignment/rule.ts';
import { resolveAssignee } from '../assignment/resolve.ts';
import { errors, type ErrorDetail } from '../http/errors.ts';
import { writeKnownTasks, type KnownTaskInput } from '../tasks/write/write-known-tasks.ts';
import { dueDateFor } from '../working-days/due-date.ts';
import { templateOffset } from '../working-days/due-unit.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import { contactFieldsIn } from './contact-fields.ts';
import { loadTemplate } from './manage-templates.ts';
import { hasOwnAssignmentEmail, sendAssignedRules } from './notify-template-task.ts';
import { templateTask } from './template-task.ts';
import type { ApplyTemplateInput } from './schema.ts';

type AccountRow = typeof accounts.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;

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
  const ws = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const now = ws.now;
  // Working days count in each assignee's time zone and calendar, so the date is per assignee.
  const dues = new Map<string, string>();
  const names = new Map<string, { name: string; email: string }>();
  const rules = tpl.notificationRules;

  return deps.db.transaction(async (tx) => {
    const rows: KnownTaskInput[] = [];
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
      const assignee = names.get(assigneeId)!;
      if (!dues.has(assigneeId))
        dues.set(
          assigneeId,
          input.dueDate ??
            (await dueDateFor(tx, {
              workspaceId: actor.workspaceId,
              assigneeUserId: assigneeId,
              now,
              workspaceToday: ws.today,
              ...templateOffset({}, tpl),
            })),
        );
      const dueDate = dues.get(assigneeId)!;
      const values = templateTask(tpl, { account, contact, assignee, workspace: ws }, dueDate);
      const id = randomUUID();
      rows.push({
        ...values,
        id,
        accountId: account.id,
        accountName: account.name,
        assigneeName: assignee.name,
        assigneeUserId: assigneeId,
        assignedById: actor.userId,
        source: 'template',
        fallbackReason: resolved.fallbackReason,
        createdById: actor.userId,
        contactIds: contact ? [contact.id] : [],
      });
      created.push({
        id,
        accountId: account.id,
        contactId: contact?.id ?? null,
        title: values.title,
        dueDate,
        assigneeUserId: assigneeId,
        fallbackReason: resolved.fallbackReason,
      });
    }
    // A rule "assignee / when assigned / e-mail" is the assignment e-mail itself (sent whatever the opt-in).
    await writeKnownTasks(deps, tx, {
      workspaceId: actor.workspaceId,
      actor: { id: actor.userId, name: actor.name },
      tasks: rows,
      changes: { cause: { actorId: actor.userId }, accountEvent: true },
      emails: !hasOwnAssignmentEmail(rules),
    });
    for (const r of rows)
      await sendAssignedRules(deps, tx, {
        task: { ...r, id: r.id!, workspaceId: actor.workspaceId, version: 1 },
        accountName: r.accountName,
        assignedByName: actor.name,
        rules,
      });
    return { created: created.length, tasks: created };
  });
}
