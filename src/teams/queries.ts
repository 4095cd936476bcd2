import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accountVisible } from '../auth/access.ts';
import { accountTeams, teamMembers, teams, users } from '../db/schema/index.ts';
import { errors, type ErrorPath } from '../http/errors.ts';
import type { NamedTable } from '../workspaces/unique-name.ts';

export type TeamRow = typeof teams.$inferSelect;

export const teamNames: NamedTable = {
  table: teams,
  id: teams.id,
  workspaceId: teams.workspaceId,
  name: teams.name,
  label: 'team',
};

export async function loadTeam(db: DbOrTx, workspaceId: string, id: string): Promise<TeamRow> {
  const [row] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.id, id), eq(teams.workspaceId, workspaceId)));
  if (!row) throw errors.notFound('Team');
  return row;
}

/** Teams as the API shows them: with member ids and how many of their accounts the caller can see. */
export async function describeTeams(db: DbOrTx, actor: Actor, rows: TeamRow[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const members = await db
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(inArray(teamMembers.teamId, ids))
    .orderBy(users.name, users.id);
  const counts = await db
    .select({ teamId: accountTeams.teamId, n: sql<number>`count(*)::int` })
    .from(accountTeams)
    .where(and(inArray(accountTeams.teamId, ids), accountVisible(actor, accountTeams.accountId)))
    .groupBy(accountTeams.teamId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    memberIds: members.filter((m) => m.teamId === r.id).map((m) => m.userId),
    accountCount: counts.find((c) => c.teamId === r.id)?.n ?? 0,
    holidayCalendar: r.holidayCalendar,
  }));
}

export async function describeTeam(db: DbOrTx, actor: Actor, row: TeamRow) {
  return (await describeTeams(db, actor, [row]))[0]!;
}

/** Replaces a team's members; every id must be a user of the workspace. */
export async function replaceMembers(
  tx: DbOrTx,
  workspaceId: string,
  teamId: string,
  userIds: string[],
  path: ErrorPath,
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length) {
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, unique)));
    const known = new Set(found.map((f) => f.id));
    const missing = unique.filter((id) => !known.has(id));
    if (missing.length)
      throw errors.field(path, `no such user in this workspace: ${missing.join(', ')}`);
  }
  await tx.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
  // A concurrent membership change (another replace, or a user's team edit) may have re-added a row.
  if (unique.length)
    await tx
      .insert(teamMembers)
      .values(unique.map((userId) => ({ workspaceId, teamId, userId })))
      .onConflictDoNothing();
}
