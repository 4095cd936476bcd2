import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { users } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { sendReminderEmail } from './notify.ts';
import { loadVisibleTask } from './queries.ts';

/** E-mails the assignee of an open task a reminder (bulk "e-mail a reminder"); contacts get no e-mail. */
export async function remindTask(deps: Deps, actor: Actor, taskId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { task, account } = await loadVisibleTask(tx, actor, taskId);
    if (task.status !== 'open')
      throw errors.conflict('This task is completed; there is nothing to remind.');
    if (!task.assigneeUserId)
      throw errors.unprocessable('This task is assigned to a contact; reminders go to users only.');
    const [user] = await tx.select().from(users).where(eq(users.id, task.assigneeUserId));
    if (!user || !user.enabled)
      throw errors.unprocessable('The assignee is disabled; reassign the task first.');
    await sendReminderEmail(deps, tx, {
      workspaceId: actor.workspaceId,
      user,
      task,
      accountName: account.name,
      senderName: actor.name,
    });
  });
}
