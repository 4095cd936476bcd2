import type { Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import type { WorkspaceSettings } from '../db/schema/index.ts';
import { priorityName } from './priority.ts';
import { richTextToPlain } from './rich-text.ts';

type MailTask = {
  id: string;
  title: string;
  description: string;
  dueDate: string;
  priority: number;
  kind: string;
};
type MailUser = { email: string; name: string; emailNotifications: boolean };

function taskText(task: MailTask, accountName: string, lead: string): string {
  const lines = [
    lead,
    '',
    `Task: ${task.title}`,
    `Account: ${accountName}`,
    `Due: ${task.dueDate}`,
    `Priority: ${priorityName(task.priority)}`,
  ];
  const details = richTextToPlain(task.description);
  if (details) lines.push('', details);
  return lines.join('\n');
}

// Subjects are headers: no line breaks from user text.
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').slice(0, 200);

/**
 * Assignment e-mail (SPEC §2, seed 000): users who opted in, or everyone when an admin forces task
 * e-mails; contacts never get one. Goes through the outbox in the caller's transaction.
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
  const what =
    input.task.kind === 'request_info' ? 'requested information from you' : 'assigned you a task';
  await deps.mailer.enqueue(tx, {
    workspaceId: input.workspaceId,
    to: user.email,
    kind: 'task_assigned',
    subject: oneLine(`New task: ${input.task.title}`),
    text: taskText(
      input.task,
      input.accountName,
      `Hi ${user.name}, ${input.assignedByName} ${what}.`,
    ),
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
    text: taskText(
      input.task,
      input.accountName,
      `Hi ${input.user.name}, ${input.senderName} is reminding you of this task.`,
    ),
  });
}
