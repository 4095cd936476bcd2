import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { diffOf } from '../audit/events.ts';
import { teams } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { assertNameFree, duplicateName } from '../workspaces/unique-name.ts';
import { describeTeam, loadTeam, teamNames } from './queries.ts';

export async function renameTeam(deps: Deps, actor: Actor, id: string, input: { name: string }) {
  requireRole(actor, 'admin');
  try {
    return await deps.db.transaction(async (tx) => {
      const before = await loadTeam(tx, actor.workspaceId, id);
      await assertNameFree(tx, teamNames, actor.workspaceId, input.name, id);
      const [row] = await tx
        .update(teams)
        .set({ name: input.name })
        .where(eq(teams.id, id))
        .returning();
      await recordAudit(
        tx,
        actor,
        {
          kind: 'team.renamed',
          target: { type: 'team', id, name: row!.name },
          changes: diffOf(before, row!, ['name']),
        },
        deps.clock.now(),
      );
      return describeTeam(tx, actor, row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName('team', input.name);
    throw err;
  }
}
