import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { accountRoles } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { describeRoles, loadRole } from './queries.ts';

/**
 * Deletes a role definition. Refused while anyone holds it on an account: deleting would silently
 * drop those assignments (and role-based task rules would stop resolving).
 */
export async function deleteAccountRole(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'advanced');
  await deps.db.transaction(async (tx) => {
    const [role] = await describeRoles(tx, [await loadRole(tx, actor.workspaceId, id)]);
    if (role!.holderCount > 0)
      throw errors.conflict(
        `"${role!.name}" is held on ${role!.holderCount} account(s); clear those first.`,
      );
    await tx
      .delete(accountRoles)
      .where(and(eq(accountRoles.id, id), eq(accountRoles.workspaceId, actor.workspaceId)));
    await recordAudit(
      tx,
      actor,
      {
        kind: 'account_role.deleted',
        target: { type: 'account_role', id, name: role!.name },
        changes: {},
      },
      deps.clock.now(),
    );
  });
}
