import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { teamMembers, teams, users, workspaces } from '../db/schema/index.ts';
import { errors, type ErrorPath } from '../http/errors.ts';

export type UserRow = typeof users.$inferSelect;

/** A user of the caller's workspace, or 404. */
export async function loadUser(db: DbOrTx, workspaceId: string, id: string): Promise<UserRow> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.workspaceId, workspaceId)));
  if (!row) throw errors.notFound('User');
  return row;
}

export async function teamIdsByUser(db: DbOrTx, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db
    .select({ userId: teamMembers.userId, teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(inArray(teamMembers.userId, userIds))
    .orderBy(teamMembers.teamId);
  for (const r of rows) out.get(r.userId)?.push(r.teamId);
  return out;
}

export function toUserSummary(row: UserRow, teamIds: string[]) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    enabled: row.enabled,
    teamIds,
    managerId: row.managerId,
  };
}

export function toUserDetail(row: UserRow, teamIds: string[]) {
  return {
    ...toUserSummary(row, teamIds),
    phone: row.phone,
    timeZone: row.timeZone,
    workingHours: row.workingHours,
    weeklyCapacityHours: row.weeklyCapacityHours,
    attributes: row.attributes,
    emailNotifications: row.emailNotifications,
    smsNotifications: row.smsNotifications,
    hasPassword: row.passwordHash !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function userDetail(db: DbOrTx, row: UserRow) {
  return toUserDetail(row, (await teamIdsByUser(db, [row.id])).get(row.id) ?? []);
}

/**
 * Serialises user administration within a workspace (row lock on the workspace), so checks such as
 * "the last enabled admin" and "no manager cycles" cannot be raced by two admins at once.
 */
export async function lockWorkspace(tx: DbOrTx, workspaceId: string): Promise<void> {
  await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for('update');
}

export async function enabledAdminsOtherThan(
  db: DbOrTx,
  workspaceId: string,
  userId: string,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      and(
        eq(users.workspaceId, workspaceId),
        eq(users.role, 'admin'),
        eq(users.enabled, true),
        ne(users.id, userId),
      ),
    );
  return row?.n ?? 0;
}

export async function emailTaken(db: DbOrTx, email: string, exceptId?: string): Promise<boolean> {
  // Login is by e-mail alone, so addresses are unique across all workspaces (see users_email_key).
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        sql`lower(${users.email}) = lower(${email})`,
        exceptId ? ne(users.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Every id must be a team of the workspace; otherwise a field error naming the first unknown one. */
export async function checkTeams(
  db: DbOrTx,
  workspaceId: string,
  ids: string[],
  path: ErrorPath,
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const found = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, unique)));
  const known = new Set(found.map((f) => f.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length) throw errors.field(path, `no such team: ${missing.join(', ')}`);
  return unique;
}

/**
 * A manager must be a user of the same workspace and must not report (directly or through others)
 * to the user being edited, so the reporting chain stays a tree.
 */
export async function checkManager(
  db: DbOrTx,
  workspaceId: string,
  userId: string | null,
  managerId: string,
  path: ErrorPath,
): Promise<void> {
  if (userId && managerId === userId)
    throw errors.field(path, 'a user cannot be their own manager');
  const [found] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, managerId), eq(users.workspaceId, workspaceId)));
  if (!found) throw errors.field(path, 'no such user in this workspace');
  if (!userId) return;
  const cycle = await queryRows(
    db,
    sql`
    with recursive chain(id, manager_id, depth) as (
      select id, manager_id, 0 from users where id = ${managerId} and workspace_id = ${workspaceId}
      union all
      select u.id, u.manager_id, c.depth + 1 from users u join chain c on u.id = c.manager_id
      where u.workspace_id = ${workspaceId} and c.depth < 10000
    )
    select 1 from chain where id = ${userId} limit 1`,
  );
  if (cycle.length > 0) throw errors.field(path, 'this would make a reporting cycle');
}

/** Replaces a user's team memberships. */
export async function setTeamsOfUser(
  tx: DbOrTx,
  workspaceId: string,
  userId: string,
  teamIds: string[],
): Promise<void> {
  await tx.delete(teamMembers).where(eq(teamMembers.userId, userId));
  // A concurrent team-members replace may have re-added a row; the set is the same either way.
  if (teamIds.length)
    await tx
      .insert(teamMembers)
      .values(teamIds.map((teamId) => ({ workspaceId, teamId, userId })))
      .onConflictDoNothing();
}
