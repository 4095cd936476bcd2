import type { Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import type { WorkspaceSettings } from '../db/schema/index.ts';
import { assignmentEmail, taskEmailBody, type MailTask } from './write/assignment-email.ts';

type MailUser = { email: string; name: string; emailNotifications: boolean };

// Subjects are headers: no line breaks from user text.
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').slice(0, 200);

/**
 * The assignment e-mail of a reassigned task (new tasks get theirs from the task writer, with the
 * same text): users who opted in, or everyone when an admin forces task e-mails; contacts never get
 * one. Goes through the outbox in the caller's transaction.
 */
export async function sendAssignmentEmail(
  deps: Deps,
  tx: DbOrTx,
  input: {
    workspaceId: string;
    settings: WorkspaceSettings;
    user: MailUser | null;
    task: MailTask;
    accountName: string;
    assignedByName: string;
  },
): Promise<boolean> {
  const { user } = input;
  if (!user || !(user.emailNotifications || input.settings.forceTaskEmails)) return false;
  const mail = assignmentEmail(deps, {
    task: input.task,
    accountName: input.accountName,
    userName: user.name,
    by: input.assignedByName,
  });
  await deps.mailer.enqueue(tx, {
    workspaceId: input.workspaceId,
    to: user.email,
    kind: 'task_assigned',
    ...mail,
  });
  return true;
}

/** A reminder someone asked for explicitly (bulk "e-mail a reminder"), so it ignores the opt-in. */
export async function sendReminderEmail(
  deps: Deps,
  tx: DbOrTx,
  input: {
    workspaceId: string;
    user: MailUser;
    task: MailTask;
    accountName: string;
    senderName: string;
  },
): Promise<void> {
  await deps.mailer.enqueue(tx, {
    workspaceId: input.workspaceId,
    to: input.user.email,
    kind: 'task_reminder',
    subject: oneLine(`Reminder: ${input.task.title}`),
    ...taskEmailBody(
      deps,
      input.task,
      input.accountName,
      `Hi ${input.user.name}, ${input.senderName} is reminding you of this task.`,
    ),
  });
}
