import type { Deps } from '../../context.ts';
import { taskLinkFor } from '../../templates/complete-link.ts';
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

/** The lines every task e-mail shares (assignment, reassignment, reminder). */
export function taskLines(task: MailTask, accountName: string, lead: string): string[] {
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
  return lines;
}

/**
 * The one assignment e-mail of a single task (SPEC §2, §3): manual, template and follow-up tasks
 * and reassignments. Who receives it (enabled, opted in or forced) is decided where it is queued.
 * The assignee gets a signed link to complete the task without signing in.
 */
export function assignmentEmail(
  deps: Pick<Deps, 'secrets' | 'config' | 'clock'>,
  input: { task: MailTask; accountName: string; userName: string; by: string },
): { subject: string; text: string } {
  const { task } = input;
  const what =
    task.kind === 'request_info' ? 'requested information from you' : 'assigned you a task';
  const lines = taskLines(task, input.accountName, `Hi ${input.userName}, ${input.by} ${what}.`);
  if (task.assigneeUserId)
    lines.push(
      '',
      'Complete this task without signing in (pick the outcome, add notes):',
      taskLinkFor(
        deps.secrets,
        deps.config,
        { id: task.id, assigneeUserId: task.assigneeUserId, version: task.version },
        deps.clock.now(),
      ),
    );
  return { subject: oneLine(`New task: ${task.title}`), text: lines.join('\n') };
}
