import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { accountRoles } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { assertNameFree, duplicateName } from '../workspaces/unique-name.ts';
import { describeRoles, roleNames } from './queries.ts';

/** Defines an account assignment role such as "Success Manager" (advanced users manage these). */
export async function createAccountRole(deps: Deps, actor: Actor, input: { name: string }) {
  requireRole(actor, 'advanced');
  try {
    return await deps.db.transaction(async (tx) => {
      await assertNameFree(tx, roleNames, actor.workspaceId, input.name);
      const [row] = await tx
        .insert(accountRoles)
        .values({ workspaceId: actor.workspaceId, name: input.name })
        .returning();
      await recordAudit(
        tx,
        actor,
        {
          kind: 'account_role.created',
          target: { type: 'account_role', id: row!.id, name: row!.name },
          changes: { name: row!.name },
        },
        deps.clock.now(),
      );
      return (await describeRoles(tx, [row!]))[0]!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName('account role', input.name);
    throw err;
  }
}
