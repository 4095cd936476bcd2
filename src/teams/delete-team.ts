import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { accountTeams, teams } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { loadTeam } from './queries.ts';

/**
 * Deletes a team. Refused while it is the only team of some account: those accounts would vanish
 * from every non-admin's view, which nobody deleting a team expects.
 */
export async function deleteTeam(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'admin');
  await deps.db.transaction(async (tx) => {
    await loadTeam(tx, actor.workspaceId, id);
    const [orphans] = await tx.select({ n: sql<number>`count(*)::int` }).from(accountTeams).where(and(
      eq(accountTeams.teamId, id),
      sql`not exists (select 1 from account_teams other where other.account_id = ${accountTeams.accountId} and other.team_id <> ${id})`,
    ));
    if ((orphans?.n ?? 0) > 0) {
      throw errors.conflict(`${orphans!.n} account(s) belong only to this team; give them another team first.`);
    }
    await tx.delete(teams).where(and(eq(teams.id, id), eq(teams.workspaceId, actor.workspaceId)));
  });
}
