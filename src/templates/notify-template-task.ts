import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { taskNotificationsSent, users } from '../db/schema/index.ts';
import { formatDueDate, renderTaskEmail, taskAppUrl } from '../notifications/task-email.ts';
import { richTextToPlain } from '../tasks/rich-text.ts';
import { taskLinkFor } from './complete-link.ts';
import { notificationRuleSchema, type NotificationRule } from './schema.ts';

export type NotifyTask = {
  id: string;
  workspaceId: string;
  title: string;
  description: string;
  dueDate: string;
  version: number;
  assigneeUserId: string | null;
};
type Person = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  enabled: boolean;
  emailNotifications: boolean;
  smsNotifications: boolean;
  managerId: string | null;
};

/** Identifies a rule for "sent once": its position plus a hash of its content. */
export function ruleKey(rule: NotificationRule, index: number): string {
  return `${index}:${createHash('sha256').update(JSON.stringify(rule)).digest('hex').slice(0, 12)}`;
}

/** The template's rules that still parse (stored JSON from older versions is skipped, not fatal). */
export function parseRules(raw: unknown): Array<{ rule: NotificationRule; key: string }> {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r, i) => {
    const p = notificationRuleSchema.safeParse(r);
    return p.success ? [{ rule: p.data, key: ruleKey(p.data, i) }] : [];
  });
}

async function person(tx: DbOrTx, id: string | null): Promise<Person | null> {
  if (!id) return null;
  const [u] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      enabled: users.enabled,
      emailNotifications: users.emailNotifications,
      smsNotifications: users.smsNotifications,
      managerId: users.managerId,
    })
    .from(users)
    .where(eq(users.id, id));
  return u ?? null;
}

const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').slice(0, 200);

function message(
  kind: 'assigned' | 'before' | 'after',
  task: NotifyTask,
  accountName: string,
  toAssignee: boolean,
  assignee: Person | null,
  by: string,
) {
  const who = toAssignee ? 'you' : (assignee?.name ?? 'someone');
  const lead =
    kind === 'assigned'
      ? `${by} assigned ${who} a task.`
      : kind === 'before'
        ? `A task for ${who} is due on ${task.dueDate}.`
        : `A task for ${who} was due on ${task.dueDate} and is not completed.`;
  const subject =
    kind === 'assigned'
      ? `New task: ${task.title}`
      : kind === 'before'
        ? `Due soon: ${task.title}`
        : `Overdue: ${task.title}`;
  return { lead, subject: oneLine(subject) };
}

/**
 * Sends one notification in the caller's transaction, at most once per (task, rule key): the
 * insert into task_notifications_sent is the claim. E-mail goes through the outbox; SMS is stored
 * in the same outbox with kind 'sms' (sent through SMS_WEBHOOK_URL when set), only to a recipient who
 * opted in and has a phone number. Returns whether it was sent now.
 */
export async function sendNotification(
  deps: Deps,
  tx: DbOrTx,
  input: {
    task: NotifyTask;
    accountName: string;
    rule: NotificationRule;
    key: string;
    kind: 'assigned' | 'before' | 'after';
    by: string;
  },
): Promise<boolean> {
  const { task, rule } = input;
  const assignee = await person(tx, task.assigneeUserId);
  const target =
    rule.to === 'assignee'
      ? assignee
      : rule.to === 'assignee_manager'
        ? await person(tx, assignee?.managerId ?? null)
        : await person(tx, rule.to.userId);
  if (!target?.enabled) return false;
  const claimed = await tx
    .insert(taskNotificationsSent)
    .values({
      workspaceId: task.workspaceId,
      taskId: task.id,
      ruleKey: input.key,
      sentAt: deps.clock.now(),
    })
    .onConflictDoNothing()
    .returning({ key: taskNotificationsSent.ruleKey });
  if (claimed.length === 0) return false;
  const toAssignee = target.id === task.assigneeUserId;
  const { lead, subject } = message(
    input.kind,
    task,
    input.accountName,
    toAssignee,
    assignee,
    input.by,
  );
  if (rule.via === 'sms') {
    // Only to people who opted in (their profile's switch) and have a number; the rule counts as done.
    if (!target.smsNotifications || !target.phone) return false;
    await deps.mailer.enqueueSms(tx, {
      workspaceId: task.workspaceId,
      to: target.phone,
      text: `${subject} (${input.accountName}, due ${formatDueDate(task.dueDate)})`,
    });
    return true;
  }
  await deps.mailer.enqueue(tx, {
    workspaceId: task.workspaceId,
    to: target.email,
    kind: `task_notification_${input.kind}`,
    subject,
    ...body(deps, task, input.accountName, `Hi ${target.name}, ${lead}`, toAssignee),
  });
  return true;
}

/** HTML + text; only the assignee gets the signed complete link (anyone else opens the task in the app). */
function body(
  deps: Deps,
  task: NotifyTask,
  accountName: string,
  lead: string,
  withLink: boolean,
): { text: string; html: string } {
  return renderTaskEmail({
    lead,
    title: task.title,
    accountName,
    dueDate: task.dueDate,
    details: richTextToPlain(task.description),
    taskUrl: taskAppUrl(deps.config, task.id),
    ...(withLink && task.assigneeUserId
      ? {
          completeUrl: taskLinkFor(
            deps.secrets,
            deps.config,
            { id: task.id, assigneeUserId: task.assigneeUserId, version: task.version },
            deps.clock.now(),
          ),
        }
      : {}),
  });
}

/** Whether the template's own "assignee / when assigned / e-mail" rule replaces the assignment e-mail. */
export function hasOwnAssignmentEmail(rules: unknown): boolean {
  return parseRules(rules).some(
    (r) => r.rule.when === 'assigned' && r.rule.to === 'assignee' && r.rule.via === 'email',
  );
}

/**
 * At creation, every "when assigned" rule of the task's template (the assignment e-mail itself is
 * queued by the task writer, unless `hasOwnAssignmentEmail`: then the rule's e-mail is it and is
 * sent whatever the user's opt-in).
 */
export async function sendAssignedRules(
  deps: Deps,
  tx: DbOrTx,
  input: { task: NotifyTask; accountName: string; assignedByName: string; rules: unknown },
): Promise<void> {
  for (const r of parseRules(input.rules).filter((x) => x.rule.when === 'assigned'))
    await sendNotification(deps, tx, {
      task: input.task,
      accountName: input.accountName,
      rule: r.rule,
      key: r.key,
      kind: 'assigned',
      by: input.assignedByName,
    });
}
