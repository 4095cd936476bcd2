import { and, eq, sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { uuidArray } from '../db/arrays.ts';
import { accounts } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';

const rank = { standard: 0, advanced: 1, admin: 2 } as const;

/** Refuses callers below `min` (admin ⊃ advanced ⊃ standard). */
export function requireRole(actor: Actor, min: Actor['role']): void {
  if (rank[actor.role] < rank[min]) throw errors.forbidden(`This needs the ${min} role.`);
}

export const isAdmin = (actor: Actor) => actor.role === 'admin';

/**
 * SQL condition: the account in `accountIdColumn` belongs to one of the caller's teams.
 * Admins see every account of their workspace; callers must still filter by workspace.
 */
export function accountVisible(actor: Actor, accountIdColumn: AnyColumn | SQL): SQL {
  if (isAdmin(actor)) return sql`true`;
  if (actor.teamIds.length === 0) return sql`false`;
  return sql`exists (select 1 from account_teams at_v where at_v.account_id = ${accountIdColumn}
    and at_v.team_id = any(${uuidArray(actor.teamIds)}))`;
}

/** Loads an account the caller may see, or answers 404 (never 403: existence is not leaked). */
export async function loadVisibleAccount(db: DbOrTx, actor: Actor, accountId: string) {
  const [row] = await db
    .select()
    .from(accounts)
    .where(
      and(
        eq(accounts.id, accountId),
        eq(accounts.workspaceId, actor.workspaceId),
        accountVisible(actor, accounts.id),
      ),
    );
  if (!row) throw errors.notFound('Account');
  return row;
}
