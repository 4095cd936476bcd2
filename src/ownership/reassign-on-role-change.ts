import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { tasks } from '../db/schema/index.ts';
import { recordChanges } from '../events/record-change.ts';
import { notifyMovedTasks } from './notify-moved-tasks.ts';
import { readOwnershipPolicy, type OwnershipPolicy } from './policy.ts';

export type RoleChange = {
  workspaceId: string;
  accountId: string;
  roleId: string;
  fromUserId: string | null;
  toUserId: string | null;
  /** Who made the change (recorded on the change events). */
  actorId?: string | null;
  /** Overrides the workspace policy (e.g. a hand-over chosen when disabling a user). */
  policy?: OwnershipPolicy;
  /**
   * Set false when one change spans several accounts: the caller gathers every account's moved
   * tasks and passes them to `notifyMovedTasks` once, which then records a summary instead.
   */
  notify?: boolean;
};

export type MovedTask = { id: string; title: string; dueDate: string };

/**
 * Applies the ownership policy after the holder of an account role changed: moves OPEN tasks on
 * that account assigned to the previous holder (skipping manual ones under reassign_except_manual,
 * and tasks resolved from a different role) to the new holder. Automatic reassignment: no timeline
 * event, but a version bump and a change event per task; the new assignee gets one e-mail.
 * Call inside the transaction that changed the role.
 */
export async function reassignOnRoleChange(
  tx: DbOrTx,
  deps: Pick<Deps, 'mailer' | 'clock' | 'config' | 'secrets'>,
  change: RoleChange,
): Promise<{ movedTasks: number; tasks: MovedTask[]; policy: OwnershipPolicy }> {
  const policy = change.policy ?? (await readOwnershipPolicy(tx, change.workspaceId));
  const { fromUserId, toUserId } = change;
  if (policy === 'ownership_only' || !fromUserId || !toUserId || fromUserId === toUserId)
    return { movedTasks: 0, tasks: [], policy };

  const moved = await tx
    .update(tasks)
    .set({
      assigneeUserId: toUserId,
      version: sql`${tasks.version} + 1`,
      updatedAt: deps.clock.now(),
    })
    .where(
      and(
        eq(tasks.workspaceId, change.workspaceId),
        eq(tasks.accountId, change.accountId),
        eq(tasks.status, 'open'),
        eq(tasks.assigneeUserId, fromUserId),
        // A task resolved from another role this user also holds stays with that role.
        or(isNull(tasks.assigneeRoleId), eq(tasks.assigneeRoleId, change.roleId)),
        policy === 'reassign_except_manual' ? ne(tasks.source, 'manual') : undefined,
      ),
    )
    .returning({ id: tasks.id, title: tasks.title, dueDate: tasks.dueDate });
  if (moved.length === 0) return { movedTasks: 0, tasks: [], policy };

  await recordChanges(
    tx,
    moved.map((t) => ({
      workspaceId: change.workspaceId,
      entity: 'task' as const,
      entityId: t.id,
      accountId: change.accountId,
      kind: 'updated' as const,
      payload: {
        fields: ['assignee'],
        fromUserId,
        toUserId,
        reason: 'ownership_change' as const,
        actorId: change.actorId ?? null,
      },
    })),
  );
  if (change.notify !== false) {
    await notifyMovedTasks(
      tx,
      deps,
      change.workspaceId,
      moved.map((task) => ({ userId: toUserId, accountId: change.accountId, task })),
    );
  }
  return { movedTasks: moved.length, tasks: moved, policy };
}
