import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { accountRoleHolders, accountRoles, accounts, users } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { recordChange } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors } from '../http/errors.ts';
import { reassignOnRoleChange } from '../ownership/reassign-on-role-change.ts';

/**
 * The "account assignment" widget: puts `userId` (an enabled user of the workspace) in an account
 * role, or empties it with null, then applies the ownership policy to the previous holder's open
 * tasks. Anyone who can see (and so edit) the account may do it.
 */
export async function setRoleHolder(
  deps: Deps,
  actor: Actor,
  accountId: string,
  roleId: string,
  userId: string | null,
): Promise<{ movedTasks: number; version: number }> {
  const ws = actor.workspaceId;
  return deps.db.transaction(async (tx) => {
    const [account] = await tx
      .select({ id: accounts.id, version: accounts.version })
      .from(accounts)
      .where(
        and(
          eq(accounts.id, accountId),
          eq(accounts.workspaceId, ws),
          accountVisible(actor, accounts.id),
        ),
      )
      .for('no key update');
    if (!account) throw errors.notFound('Account');
    const [role] = await tx
      .select({ id: accountRoles.id, name: accountRoles.name })
      .from(accountRoles)
      .where(and(eq(accountRoles.id, roleId), eq(accountRoles.workspaceId, ws)));
    if (!role) throw errors.notFound('Role');
    let toUserName: string | null = null;
    if (userId) {
      const [user] = await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.workspaceId, ws), eq(users.enabled, true)));
      if (!user)
        throw errors.field('body.userId', 'No enabled user with this id in the workspace.');
      toUserName = user.name;
    }
    const [previous] = await tx
      .select({ userId: accountRoleHolders.userId, name: users.name })
      .from(accountRoleHolders)
      .innerJoin(users, eq(users.id, accountRoleHolders.userId))
      .where(
        and(eq(accountRoleHolders.accountId, accountId), eq(accountRoleHolders.roleId, roleId)),
      );
    const fromUserId = previous?.userId ?? null;
    if (fromUserId === userId) return { movedTasks: 0, version: account.version };

    if (userId) {
      await tx
        .insert(accountRoleHolders)
        .values({ workspaceId: ws, accountId, roleId, userId })
        .onConflictDoUpdate({
          target: [accountRoleHolders.accountId, accountRoleHolders.roleId],
          set: { userId },
        });
    } else {
      await tx
        .delete(accountRoleHolders)
        .where(
          and(eq(accountRoleHolders.accountId, accountId), eq(accountRoleHolders.roleId, roleId)),
        );
    }
    const now = deps.clock.now();
    // Role holders are part of the account, so its version (and ETag) moves too.
    const [bumped] = await tx
      .update(accounts)
      .set({ version: sql`${accounts.version} + 1`, updatedAt: now })
      .where(eq(accounts.id, accountId))
      .returning({ version: accounts.version });
    const moved = await reassignOnRoleChange(tx, deps, {
      workspaceId: ws,
      accountId,
      roleId,
      fromUserId,
      toUserId: userId,
      actorId: actor.userId,
    });
    await recordChange(tx, {
      workspaceId: ws,
      entity: 'account',
      entityId: accountId,
      accountId,
      kind: 'updated',
      payload: {
        changed: [`roles.${roleId}`],
        roleId,
        fromUserId,
        toUserId: userId,
        movedTasks: moved.movedTasks,
        actorId: actor.userId,
      },
    });
    await recordTimeline(tx, {
      workspaceId: ws,
      accountId,
      actorId: actor.userId,
      userId,
      type: 'role_changed',
      at: now,
      payload: {
        roleId,
        roleName: role.name,
        fromUserId,
        toUserId: userId,
        fromUserName: previous?.name ?? null,
        toUserName,
        movedTasks: moved.movedTasks,
        policy: moved.policy,
      },
    });
    return { movedTasks: moved.movedTasks, version: bumped!.version };
  });
}
