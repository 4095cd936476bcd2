import { and, eq } from 'drizzle-orm';
import { accountRoleHolders } from '../db/schema/index.ts';
import { recordChanges } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import type { HandoverContext } from './handovers.ts';

const CHUNK = 5000;

/**
 * Disable handover: every account role the user held (e.g. Success Manager of Acme) passes to the
 * receiver. Tasks already moved with the tasks handover, so no ownership policy applies here.
 */
export async function moveRoleHoldings(ctx: HandoverContext): Promise<Record<string, number>> {
  const { tx, workspaceId, from, to, now } = ctx;
  const moved = await tx.update(accountRoleHolders).set({ userId: to.id })
    .where(and(eq(accountRoleHolders.workspaceId, workspaceId), eq(accountRoleHolders.userId, from.id)))
    .returning({ accountId: accountRoleHolders.accountId, roleId: accountRoleHolders.roleId });
  await recordChanges(tx, moved.map((m) => ({
    workspaceId, entity: 'account' as const, entityId: m.accountId, accountId: m.accountId, kind: 'updated' as const,
    payload: { fields: ['roles'], roleId: m.roleId, fromUserId: from.id, toUserId: to.id, reason: 'user_disabled' },
  })));
  for (let i = 0; i < moved.length; i += CHUNK) {
    await recordTimeline(tx, moved.slice(i, i + CHUNK).map((m) => ({
      workspaceId, accountId: m.accountId, userId: to.id, actorId: ctx.actor.userId, type: 'role_changed' as const, at: now,
      payload: { roleId: m.roleId, previousUserId: from.id, newUserId: to.id, reason: 'user_disabled' },
    })));
  }
  return { roleHoldingsMoved: moved.length };
}
