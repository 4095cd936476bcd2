// Checks several action kinds share: a referenced row exists in the workspace, an assignee rule names real things.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { accountRoles, users } from '../../db/schema/index.ts';
import type { ErrorDetail } from '../../http/errors.ts';

/** Adds `message` at `path` when the query finds no row. */
export async function exists(
  db: DbOrTx,
  q: ReturnType<typeof sql>,
  path: string,
  message: string,
  d: ErrorDetail[],
) {
  if ((await queryRows(db, q)).length === 0) d.push({ path, message });
}

/** A validation error's details join the others; any other error is rethrown. */
export function collect(err: unknown, d: ErrorDetail[]) {
  const e = err as { code?: string; details?: ErrorDetail[] };
  if (e.code === 'validation_failed' && e.details) d.push(...e.details);
  else throw err;
}

/** The user, role or team an assignee rule names exists in the workspace; a pool names someone. */
export async function checkRule(
  db: DbOrTx,
  ws: string,
  rule: {
    type: string;
    userId?: string;
    roleId?: string;
    pool?: { userIds?: string[]; teamId?: string };
  },
  path: string,
  d: ErrorDetail[],
) {
  if (rule.type === 'user')
    await exists(
      db,
      sql`select 1 from ${users} where id = ${rule.userId}::uuid and workspace_id = ${ws}::uuid`,
      `${path}.userId`,
      'no such user',
      d,
    );
  if (rule.type === 'role')
    await exists(
      db,
      sql`select 1 from ${accountRoles} where id = ${rule.roleId}::uuid and workspace_id = ${ws}::uuid`,
      `${path}.roleId`,
      'no such role',
      d,
    );
  if (rule.type === 'pool' && rule.pool?.teamId)
    await exists(
      db,
      sql`select 1 from teams where id = ${rule.pool.teamId}::uuid and workspace_id = ${ws}::uuid`,
      `${path}.pool.teamId`,
      'no such team',
      d,
    );
  if (rule.type === 'pool' && !rule.pool?.teamId && !rule.pool?.userIds?.length)
    d.push({ path: `${path}.pool`, message: 'A pool needs users or a team.' });
}
