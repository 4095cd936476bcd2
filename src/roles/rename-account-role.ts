import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { diffOf } from '../audit/events.ts';
import { accountRoles } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { assertNameFree, duplicateName } from '../workspaces/unique-name.ts';
import { describeRoles, loadRole, roleNames } from './queries.ts';

/** Renames a role; holders and tasks refer to it by id, so they follow. */
export async function renameAccountRole(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { name: string },
) {
  requireRole(actor, 'advanced');
  try {
    return await deps.db.transaction(async (tx) => {
      const before = await loadRole(tx, actor.workspaceId, id);
      await assertNameFree(tx, roleNames, actor.workspaceId, input.name, id);
      const [row] = await tx
        .update(accountRoles)
        .set({ name: input.name })
        .where(eq(accountRoles.id, id))
        .returning();
      await recordAudit(
        tx,
        actor,
        {
          kind: 'account_role.renamed',
          target: { type: 'account_role', id, name: row!.name },
          changes: diffOf(before, row!, ['name']),
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
