import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, tasks, users, workspaces } from '../db/schema/index.ts';
import { recordChanges } from '../events/record-change.ts';
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
  /** Set false when the caller batches its own summary e-mail over several accounts. */
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
  tx: DbOrTx, deps: Pick<Deps, 'mailer' | 'clock' | 'config'>, change: RoleChange,
): Promise<{ movedTasks: number; tasks: MovedTask[]; policy: OwnershipPolicy }> {
  const policy = change.policy ?? await readOwnershipPolicy(tx, change.workspaceId);
  const { fromUserId, toUserId } = change;
  if (policy === 'ownership_only' || !fromUserId || !toUserId || fromUserId === toUserId) return { movedTasks: 0, tasks: [], policy };

  const moved = await tx.update(tasks)
    .set({ assigneeUserId: toUserId, version: sql`${tasks.version} + 1`, updatedAt: deps.clock.now() })
    .where(and(
      eq(tasks.workspaceId, change.workspaceId), eq(tasks.accountId, change.accountId), eq(tasks.status, 'open'),
      eq(tasks.assigneeUserId, fromUserId),
      // A task resolved from another role this user also holds stays with that role.
      or(isNull(tasks.assigneeRoleId), eq(tasks.assigneeRoleId, change.roleId)),
      policy === 'reassign_except_manual' ? ne(tasks.source, 'manual') : undefined,
    ))
    .returning({ id: tasks.id, title: tasks.title, dueDate: tasks.dueDate });
  if (moved.length === 0) return { movedTasks: 0, tasks: [], policy };

  await recordChanges(tx, moved.map((t) => ({
    workspaceId: change.workspaceId, entity: 'task' as const, entityId: t.id, accountId: change.accountId, kind: 'updated' as const,
    payload: { changed: ['assignee'], fromUserId, toUserId, reason: 'ownership_change', actorId: change.actorId ?? null },
  })));
  if (change.notify !== false) await notifyNewAssignee(tx, deps, change, toUserId, moved);
  return { movedTasks: moved.length, tasks: moved, policy };
}

async function notifyNewAssignee(tx: DbOrTx, deps: Pick<Deps, 'mailer' | 'config'>, change: RoleChange, userId: string, moved: MovedTask[]) {
  const [user] = await tx.select({ email: users.email, name: users.name, emailNotifications: users.emailNotifications, enabled: users.enabled })
    .from(users).where(eq(users.id, userId));
  const [ws] = await tx.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, change.workspaceId));
  const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, change.accountId));
  if (!user?.enabled || !(user.emailNotifications || ws?.settings?.forceTaskEmails)) return;
  const n = moved.length;
  const link = deps.config.PLAYMAKER_PUBLIC_URL ? `\n\n${deps.config.PLAYMAKER_PUBLIC_URL.replace(/\/$/, '')}/accounts/${change.accountId}` : '';
  const lines = moved.map((t) => `- ${t.title} (due ${t.dueDate})`).join('\n');
  await deps.mailer.enqueue(tx, {
    workspaceId: change.workspaceId, to: user.email, kind: 'tasks_reassigned',
    subject: `${n} ${n === 1 ? 'task' : 'tasks'} on ${account?.name ?? 'an account'} reassigned to you`,
    text: `Hi ${user.name},\n\nAn account assignment changed, so these open tasks on ${account?.name ?? 'the account'} are now yours:\n\n${lines}${link}\n`,
  });
}
