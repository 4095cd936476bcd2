import { and, eq, inArray, sql } from 'drizzle-orm';
import { accountRoleHolders, accountRoles, accounts } from '../db/schema/index.ts';
import { recordChanges } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import type { HandoverContext } from './handover-types.ts';

const CHUNK = 5000;

/**
 * Disable handover: every account role the user held (e.g. Success Manager of Acme) passes to the
 * receiver. Their open tasks already moved with the tasks handover, so no ownership policy applies;
 * events use the same shapes as accounts/set-role-holder.ts.
 */
export async function moveRoleHoldings(ctx: HandoverContext): Promise<Record<string, number>> {
  const { tx, workspaceId, from, to, now } = ctx;
  const moved = await tx
    .update(accountRoleHolders)
    .set({ userId: to.id })
    .where(
      and(eq(accountRoleHolders.workspaceId, workspaceId), eq(accountRoleHolders.userId, from.id)),
    )
    .returning({ accountId: accountRoleHolders.accountId, roleId: accountRoleHolders.roleId });
  if (moved.length === 0) return { roleHoldingsMoved: 0 };
  const accountIds = [...new Set(moved.map((m) => m.accountId))];
  // Role holders are part of the account, so its version (and ETag) moves too.
  for (let i = 0; i < accountIds.length; i += CHUNK) {
    await tx
      .update(accounts)
      .set({ version: sql`${accounts.version} + 1`, updatedAt: now })
      .where(inArray(accounts.id, accountIds.slice(i, i + CHUNK)));
  }
  const roles = await tx
    .select({ id: accountRoles.id, name: accountRoles.name })
    .from(accountRoles)
    .where(eq(accountRoles.workspaceId, workspaceId));
  const roleName = new Map(roles.map((r) => [r.id, r.name]));
  await recordChanges(
    tx,
    moved.map((m) => ({
      workspaceId,
      entity: 'account' as const,
      entityId: m.accountId,
      accountId: m.accountId,
      kind: 'updated' as const,
      payload: {
        changed: [`roles.${m.roleId}`],
        roleId: m.roleId,
        fromUserId: from.id,
        toUserId: to.id,
        movedTasks: 0,
        actorId: ctx.actor.userId,
        reason: 'user_disabled',
      },
    })),
  );
  for (let i = 0; i < moved.length; i += CHUNK) {
    await recordTimeline(
      tx,
      moved.slice(i, i + CHUNK).map((m) => ({
        workspaceId,
        accountId: m.accountId,
        userId: to.id,
        actorId: ctx.actor.userId,
        type: 'role_changed' as const,
        at: now,
        payload: {
          roleId: m.roleId,
          roleName: roleName.get(m.roleId) ?? '',
          fromUserId: from.id,
          toUserId: to.id,
          fromUserName: from.name,
          toUserName: to.name,
          movedTasks: 0,
          reason: 'user_disabled' as const,
        },
      })),
    );
  }
  return { roleHoldingsMoved: moved.length };
}
