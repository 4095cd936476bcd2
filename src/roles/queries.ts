import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { accountRoleHolders, accountRoles } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import type { NamedTable } from '../workspaces/unique-name.ts';

type RoleRow = typeof accountRoles.$inferSelect;

export const roleNames: NamedTable = {
  table: accountRoles,
  id: accountRoles.id,
  workspaceId: accountRoles.workspaceId,
  name: accountRoles.name,
  label: 'account role',
};

export async function loadRole(db: DbOrTx, workspaceId: string, id: string): Promise<RoleRow> {
  const [row] = await db
    .select()
    .from(accountRoles)
    .where(and(eq(accountRoles.id, id), eq(accountRoles.workspaceId, workspaceId)));
  if (!row) throw errors.notFound('Account role');
  return row;
}

/** Roles with the number of accounts on which someone holds them. */
export async function describeRoles(db: DbOrTx, rows: RoleRow[]) {
  if (rows.length === 0) return [];
  const counts = await db
    .select({ roleId: accountRoleHolders.roleId, n: sql<number>`count(*)::int` })
    .from(accountRoleHolders)
    .where(
      inArray(
        accountRoleHolders.roleId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(accountRoleHolders.roleId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    holderCount: counts.find((c) => c.roleId === r.id)?.n ?? 0,
  }));
}

export async function listRoleRows(db: DbOrTx, workspaceId: string) {
  return db
    .select()
    .from(accountRoles)
    .where(eq(accountRoles.workspaceId, workspaceId))
    .orderBy(asc(accountRoles.name), asc(accountRoles.id));
}
