import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { accounts, accountTeams, teams } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { recordChanges } from '../events/record-change.ts';
import { errors } from '../http/errors.ts';
import { loadTeam } from './queries.ts';

const CHUNK = 5000;

/**
 * Deletes a team. Refused while it is the only team of some account: those accounts would vanish
 * from every non-admin's view, which nobody deleting a team expects. Accounts that lose the team
 * change (their team set), so each gets a version bump and a change event.
 */
export async function deleteTeam(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'admin');
  await deps.db.transaction(async (tx) => {
    const team = await loadTeam(tx, actor.workspaceId, id);
    // Lock the team's accounts (as account edits do) so none loses its other teams while we check.
    const links = await tx
      .select({ accountId: accounts.id })
      .from(accounts)
      .where(sql`${accounts.id} in (select account_id from account_teams where team_id = ${id})`)
      .orderBy(accounts.id)
      .for('no key update');
    const [orphans] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(accountTeams)
      .where(
        and(
          eq(accountTeams.teamId, id),
          sql`not exists (select 1 from account_teams other where other.account_id = ${accountTeams.accountId} and other.team_id <> ${id})`,
        ),
      );
    if ((orphans?.n ?? 0) > 0) {
      throw errors.conflict(
        `${orphans!.n} account(s) belong only to this team; give them another team first.`,
      );
    }
    await tx.delete(teams).where(and(eq(teams.id, id), eq(teams.workspaceId, actor.workspaceId)));
    await recordAudit(
      tx,
      actor,
      { kind: 'team.deleted', target: { type: 'team', id, name: team.name }, changes: {} },
      deps.clock.now(),
    );
    const accountIds = links.map((l) => l.accountId);
    for (let i = 0; i < accountIds.length; i += CHUNK) {
      await tx
        .update(accounts)
        .set({ version: sql`${accounts.version} + 1`, updatedAt: deps.clock.now() })
        .where(inArray(accounts.id, accountIds.slice(i, i + CHUNK)));
    }
    await recordChanges(
      tx,
      accountIds.map((accountId) => ({
        workspaceId: actor.workspaceId,
        entity: 'account' as const,
        entityId: accountId,
        accountId,
        kind: 'updated' as const,
        payload: { changed: ['teams'], actorId: actor.userId, reason: 'team_deleted' },
      })),
    );
  });
}
