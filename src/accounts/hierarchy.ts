import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, teams } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { queryRows } from '../db/rows.ts';

/**
 * Serialises hierarchy changes within a workspace for the rest of the transaction, so two
 * concurrent re-parentings cannot each pass the cycle check and together form a loop.
 */
export async function lockHierarchy(tx: DbOrTx, workspaceId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`hierarchy:${workspaceId}`}, 0))`,
  );
}

/** True when making `parentId` the parent of `accountId` would close a loop (at any depth). */
export async function wouldCreateCycle(
  tx: DbOrTx,
  accountId: string,
  parentId: string,
): Promise<boolean> {
  // UNION (not UNION ALL) stops the walk even if the data already held a loop.
  const [row] = await queryRows<{ cycle: boolean }>(
    tx,
    sql`
    with recursive up(id) as (
      select ${parentId}::uuid
      union
      select a.parent_id from accounts a join up on a.id = up.id where a.parent_id is not null
    )
    select exists (select 1 from up where id = ${accountId}::uuid) as cycle`,
  );
  return Boolean(row?.cycle);
}

/** The parent must be an account the caller can see in the same workspace, and not a descendant. */
export async function checkParent(
  tx: DbOrTx,
  actor: Actor,
  accountId: string | null,
  parentId: string,
): Promise<void> {
  const [parent] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.id, parentId),
        eq(accounts.workspaceId, actor.workspaceId),
        accountVisible(actor, accounts.id),
      ),
    );
  if (!parent) throw errors.field('body.parentId', 'No such account.');
  if (accountId && (await wouldCreateCycle(tx, accountId, parentId))) {
    throw errors.field('body.parentId', 'This parent would make the account its own ancestor.');
  }
}

/** Team ids must belong to the workspace; one detail per unknown id (`teams.<i>`). */
export async function checkTeams(
  tx: DbOrTx,
  workspaceId: string,
  teamIds: string[],
): Promise<string[]> {
  const unique = [...new Set(teamIds)];
  if (unique.length === 0) return [];
  const found = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, unique)));
  const known = new Set(found.map((t) => t.id));
  const details = teamIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `body.teams.${i}`, message: 'No such team.' }],
  );
  if (details.length) throw errors.validation(details);
  return unique;
}
