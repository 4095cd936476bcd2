import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { recordChanges } from '../events/record-change.ts';
import { recordTimeline, type TimelineEntry } from '../timeline/record-event.ts';
import { errors } from '../http/errors.ts';
import { describeAssignee, resolveAssignee, type ResolvedAssignee } from './assignee.ts';
import { assertOpen } from './mark-completed.ts';
import { sendAssignmentEmail } from './notify.ts';
import { recordReassignedFeed } from './reassigned-feed.ts';
import { loadVisibleTask } from './queries.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import { priorityLevel } from './priority.ts';
import { hasContent, sanitizeRichText } from './rich-text.ts';
import type { UpdateTaskInput } from './schema.ts';

/**
 * Edits an open to-do (SPEC §2 Edit). `version` null means "whatever is current" (bulk actions act on
 * what they see); the single-task API always passes the version the client read. A manual
 * reassignment is logged on the timeline with the previous and the new assignee.
 */
export async function updateTask(
  deps: Deps,
  actor: Actor,
  taskId: string,
  input: Omit<UpdateTaskInput, 'version'>,
  version: number | null,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { task, account } = await loadVisibleTask(tx, actor, taskId, { lock: true });
    if (task.kind === 'request_info')
      throw errors.unprocessable('Request-information tasks cannot be edited.');
    assertOpen(task, version ?? undefined);
    const set: Partial<typeof tasks.$inferInsert> = {};
    if (input.title !== undefined) set.title = input.title;
    if (input.description !== undefined) {
      set.description = sanitizeRichText(input.description);
      if (!hasContent(set.description))
        throw errors.field(
          'body.description',
          'The description is empty once unsafe content is removed.',
        );
    }
    if (input.dueDate !== undefined) set.dueDate = input.dueDate;
    if (input.priority !== undefined) set.priority = priorityLevel[input.priority];
    const edited = Object.keys(set);
    let next: ResolvedAssignee | null = null;
    if (input.assignee) {
      const resolved = await resolveAssignee(tx, actor.workspaceId, account.id, input.assignee);
      // Naming the current assignee again is not a reassignment.
      if (
        resolved.assigneeUserId !== task.assigneeUserId ||
        resolved.assigneeContactId !== task.assigneeContactId
      )
        next = resolved;
    }
    if (next) {
      Object.assign(set, {
        assigneeUserId: next.assigneeUserId,
        assigneeContactId: next.assigneeContactId,
        assigneeRoleId: next.assigneeRoleId,
        assignedById: actor.userId,
        fallbackReason: null,
      });
    }
    if (edited.length === 0 && !next) return;
    const at = deps.clock.now();
    const [updated] = await tx
      .update(tasks)
      .set({ ...set, version: sql`${tasks.version} + 1`, updatedAt: at })
      .where(and(eq(tasks.id, task.id), eq(tasks.status, 'open'), eq(tasks.version, task.version)))
      .returning();
    if (!updated) throw errors.versionConflict(task.version);

    const events: TimelineEntry[] = [];
    const base = {
      workspaceId: actor.workspaceId,
      accountId: account.id,
      actorId: actor.userId,
      taskId: task.id,
      at,
    };
    if (next) {
      const previousAssignee = await describeAssignee(tx, task);
      events.push({
        ...base,
        userId: next.assigneeUserId,
        type: 'task_reassigned',
        payload: { title: updated.title, previousAssignee, newAssignee: next.ref },
      });
      await recordReassignedFeed(
        tx,
        actor,
        updated,
        { userId: next.assigneeUserId, accountName: account.name },
        at,
      );
      const ws = await workspaceToday(tx, actor.workspaceId, at);
      await sendAssignmentEmail(deps, tx, {
        workspaceId: actor.workspaceId,
        settings: ws.settings,
        user: next.user,
        task: updated,
        accountName: account.name,
        assignedByName: actor.name,
      });
    }
    if (edited.length)
      events.push({
        ...base,
        userId: updated.assigneeUserId,
        type: 'task_updated',
        payload: { title: updated.title, fields: edited },
      });
    await recordTimeline(tx, events);
    await recordChanges(tx, [
      {
        workspaceId: actor.workspaceId,
        entity: 'task',
        entityId: task.id,
        accountId: account.id,
        kind: 'updated',
        payload: {
          fields: next ? [...edited, 'assignee'] : edited,
          previousAssigneeUserId: next ? task.assigneeUserId : undefined,
        },
      },
      {
        workspaceId: actor.workspaceId,
        entity: 'account',
        entityId: account.id,
        accountId: account.id,
        kind: 'updated',
        payload: { cause: 'task_updated', taskId: task.id },
      },
    ]);
  });
}
