import type { Deps } from '../../context.ts';
import { renderTaskEmail, taskLinks } from '../../notifications/task-email.ts';
import { priorityName } from '../priority.ts';
import { richTextToPlain } from '../rich-text.ts';

/** What an assignment e-mail says about its task. */
export type MailTask = {
  id: string;
  title: string;
  description: string;
  dueDate: string;
  priority: number;
  kind: string;
  assigneeUserId: string | null;
  version: number;
};

// Subjects are headers: no line breaks from user text.
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').slice(0, 200);

/**
 * The one assignment e-mail of a single task (SPEC §2, §3): manual, template and follow-up tasks
 * and reassignments. Who receives it (enabled, opted in or forced) is decided where it is queued.
 * HTML with a plain-text alternative, a link to the task in the app and, for the assignee, a signed
 * link to complete it without signing in.
 */
export function assignmentEmail(
  deps: Pick<Deps, 'secrets' | 'config' | 'clock'>,
  input: { task: MailTask; accountName: string; userName: string; by: string },
): { subject: string; text: string; html: string } {
  const { task } = input;
  const what =
    task.kind === 'request_info' ? 'requested information from you' : 'assigned you a task';
  return {
    subject: oneLine(`New task: ${task.title}`),
    ...taskEmailBody(deps, task, input.accountName, `Hi ${input.userName}, ${input.by} ${what}.`),
  };
}

/** HTML + text of a task e-mail to its assignee (assignment, reassignment, reminder). */
export function taskEmailBody(
  deps: Pick<Deps, 'secrets' | 'config' | 'clock'>,
  task: MailTask,
  accountName: string,
  lead: string,
): { text: string; html: string } {
  return renderTaskEmail({
    lead,
    title: task.title,
    accountName,
    dueDate: task.dueDate,
    priority: priorityName(task.priority),
    details: richTextToPlain(task.description),
    ...taskLinks(deps, task, deps.clock.now()),
  });
}
