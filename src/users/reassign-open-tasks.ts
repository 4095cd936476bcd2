import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { accounts, tasks, workspaces } from '../db/schema/index.ts';
import { recordChanges } from '../events/record-change.ts';
import { recordTimeline, type TimelineEntry } from '../timeline/record-event.ts';
import type { HandoverContext } from './handover-types.ts';
import { recordForSummaryIfSpanning } from '../ownership/notify-moved-tasks.ts';

const CHUNK = 5000;

/**
 * Disable handover: the user's OPEN tasks go to the receiver (completed and deleted ones keep their
 * history), as does their overall accountability for open play tasks. Each moved task gets a new
 * version, a change event and a `task_reassigned` timeline entry with reason `user_disabled`.
 */
export async function reassignOpenTasks(ctx: HandoverContext): Promise<Record<string, number>> {
  const { tx, workspaceId, from, to, now } = ctx;
  const open = await tx
    .select({
      id: tasks.id,
      title: tasks.title,
      accountId: tasks.accountId,
      assignee: tasks.assigneeUserId,
      accountable: tasks.accountabilityUserId,
    })
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, workspaceId),
        eq(tasks.status, 'open'),
        or(eq(tasks.assigneeUserId, from.id), eq(tasks.accountabilityUserId, from.id)),
      ),
    )
    .orderBy(tasks.id)
    .for('update');
  for (let i = 0; i < open.length; i += CHUNK) {
    const ids = open.slice(i, i + CHUNK).map((t) => t.id);
    await tx
      .update(tasks)
      .set({
        assigneeUserId: sql`case when ${tasks.assigneeUserId} = ${from.id} then ${to.id}::uuid else ${tasks.assigneeUserId} end`,
        accountabilityUserId: sql`case when ${tasks.accountabilityUserId} = ${from.id} then ${to.id}::uuid else ${tasks.accountabilityUserId} end`,
        version: sql`${tasks.version} + 1`,
        updatedAt: now,
      })
      .where(inArray(tasks.id, ids));
  }
  const reassigned = open.filter((t) => t.assignee === from.id);
  // Same change-event shapes as a manual edit (tasks/update-task.ts), so the play engine treats them alike.
  await recordChanges(tx, [
    ...open.map((t) => ({
      workspaceId,
      entity: 'task' as const,
      entityId: t.id,
      accountId: t.accountId,
      kind: 'updated' as const,
      payload: {
        fields: [
          ...(t.assignee === from.id ? ['assignee'] : []),
          ...(t.accountable === from.id ? ['accountabilityUserId'] : []),
        ],
        previousAssigneeUserId: t.assignee === from.id ? from.id : undefined,
        reason: 'user_disabled' as const,
      },
    })),
    ...[...new Set(open.map((t) => t.accountId))].map((accountId) => ({
      workspaceId,
      entity: 'account' as const,
      entityId: accountId,
      accountId,
      kind: 'updated' as const,
      payload: { cause: 'task_updated' as const, reason: 'user_disabled' as const },
    })),
  ]);
  const entries: TimelineEntry[] = reassigned.map((t) => ({
    workspaceId,
    accountId: t.accountId,
    userId: to.id,
    actorId: ctx.actor.userId,
    taskId: t.id,
    type: 'task_reassigned',
    at: now,
    payload: {
      title: t.title,
      previousAssignee: { type: 'user', id: from.id, name: from.name },
      newAssignee: { type: 'user', id: to.id, name: to.name },
      reason: 'user_disabled',
    },
  }));
  for (let i = 0; i < entries.length; i += CHUNK)
    await recordTimeline(tx, entries.slice(i, i + CHUNK));
  // SPEC §7: tasks handed over on several accounts go into the 15-minute summary e-mail instead.
  const summarized = await recordForSummaryIfSpanning(
    tx,
    ctx.deps,
    workspaceId,
    reassigned.map((t) => ({ userId: to.id, accountId: t.accountId, task: t })),
  );
  if (reassigned.length > 0 && !summarized) await notifyReceiver(ctx, reassigned.length);
  return {
    tasksReassigned: reassigned.length,
    accountabilityMoved: open.filter((t) => t.accountable === from.id).length,
    tasksOnAccountsReceiverCannotSee: await countInvisible(ctx, [
      ...new Set(reassigned.map((t) => t.accountId)),
    ]),
  };
}

/** Accounts outside the receiver's teams: the admin is told, so they can fix team membership. */
async function countInvisible(ctx: HandoverContext, accountIds: string[]): Promise<number> {
  if (ctx.to.role === 'admin' || accountIds.length === 0) return 0;
  const rows = await ctx.tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        inArray(accounts.id, accountIds),
        sql`not exists (select 1 from account_teams at join team_members tm on tm.team_id = at.team_id
      where at.account_id = ${accounts.id} and tm.user_id = ${ctx.to.id})`,
      ),
    );
  return rows.length;
}

/** One summary e-mail rather than one per task (SPEC §7: new assignees are told). */
async function notifyReceiver(ctx: HandoverContext, count: number): Promise<void> {
  const [ws] = await ctx.tx
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  if (!ctx.to.emailNotifications && !ws?.settings.forceTaskEmails) return;
  await ctx.deps.mailer.enqueue(ctx.tx, {
    workspaceId: ctx.workspaceId,
    to: ctx.to.email,
    kind: 'tasks_handed_over',
    subject: `${count} open task${count === 1 ? '' : 's'} handed over to you`,
    text: `Hi ${ctx.to.name},\n\n${ctx.from.name} was disabled and their ${count} open task${count === 1 ? ' is' : 's are'} now assigned to you.\nOpen My Work in Playmaker to see them.`,
  });
}
