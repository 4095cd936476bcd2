import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { accounts, plays, tasks } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { recordChanges } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { describeAssignee } from '../tasks/assignee.ts';
import { recordReassignedFeed } from '../tasks/reassigned-feed.ts';
import { resolveAssignee } from './resolve.ts';
import { assigneeRuleSchema } from './rule.ts';

/**
 * "Reassign dynamically": runs the play action's assignee rule again now (e.g. the role was filled,
 * or a pool member has capacity again). The task keeps its fallback mark if still nobody qualifies.
 */
export async function reassignDynamically(deps: Deps, actor: Actor, taskId: string) {
  return deps.db.transaction(async (tx) => {
    const [task] = await tx
      .select()
      .from(tasks)
      .where(
        and(
          eq(tasks.id, taskId),
          eq(tasks.workspaceId, actor.workspaceId),
          accountVisible(actor, tasks.accountId),
        ),
      )
      .for('update');
    if (!task || task.status === 'deleted') throw errors.notFound('Task');
    if (task.status !== 'open') throw errors.conflict('Only open tasks can be reassigned.');
    if (actor.role === 'standard' && task.assigneeUserId !== actor.userId)
      throw errors.forbidden(
        'Only the current assignee or an advanced user can reassign this task.',
      );
    const [play] = task.playId
      ? await tx.select().from(plays).where(eq(plays.id, task.playId))
      : [];
    const action = (play?.actions as Array<{ id: string; assignee?: unknown }> | undefined)?.find(
      (a) => a.id === task.playActionId,
    );
    const rule = assigneeRuleSchema.safeParse(action?.assignee);
    if (!play || !rule.success)
      throw errors.unprocessable('This task was not assigned by a play rule that still exists.');
    const r = await resolveAssignee(tx, {
      workspaceId: actor.workspaceId,
      accountId: task.accountId,
      rule: rule.data,
      fallback: { ownerUserId: play.ownerUserId, createdBy: play.createdBy },
      cursorKey: `${play.id}:${task.playActionId}:`,
      now: deps.clock.now(),
    });
    if (!r.userId) throw errors.unprocessable('Nobody can take this task.');
    const [updated] = await tx
      .update(tasks)
      .set({
        assigneeUserId: r.userId,
        fallbackReason: r.fallbackReason,
        assigneeRoleId: rule.data.type === 'role' ? rule.data.roleId : null,
        version: sql`${tasks.version} + 1`,
        updatedAt: deps.clock.now(),
      })
      .where(eq(tasks.id, task.id))
      .returning();
    if (r.userId !== task.assigneeUserId) {
      await recordTimeline(tx, {
        workspaceId: actor.workspaceId,
        accountId: task.accountId,
        userId: r.userId,
        actorId: actor.userId,
        taskId: task.id,
        type: 'task_reassigned',
        payload: {
          title: task.title,
          previousAssignee: await describeAssignee(tx, task),
          newAssignee: await describeAssignee(tx, updated!),
          reason: 'dynamic',
        },
      });
      const [acc] = await tx
        .select({ name: accounts.name })
        .from(accounts)
        .where(eq(accounts.id, task.accountId));
      await recordReassignedFeed(
        tx,
        actor,
        updated!,
        { userId: r.userId, accountName: acc?.name ?? '', play: { id: play.id, name: play.name } },
        deps.clock.now(),
      );
    }
    await recordChanges(tx, [
      {
        workspaceId: actor.workspaceId,
        entity: 'task',
        entityId: task.id,
        accountId: task.accountId,
        kind: 'updated',
        payload: { fields: ['assignee'], dynamic: true },
      },
    ]);
    return {
      id: updated!.id,
      assigneeUserId: updated!.assigneeUserId!,
      fallbackReason: updated!.fallbackReason,
      version: updated!.version,
    };
  });
}
