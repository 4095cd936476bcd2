import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { accounts } from '../db/schema/index.ts';
import { loadVisibleAccount } from '../auth/access.ts';
import { containsPattern } from './cursor.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { accountIdRef, selectSummaries, visibleParentId } from './queries.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import type { AccountSummary, ListAccountsQuery } from './schema.ts';

const cursorShape = z.tuple([z.string(), cursorPart.id]);

export type AccountPage = { data: AccountSummary[]; nextCursor: string | null };

/** Accounts the caller can see, filtered and searched, in name order with a keyset cursor. */
export async function listAccounts(
  deps: Deps,
  actor: Actor,
  query: ListAccountsQuery,
): Promise<AccountPage> {
  const where: SQL[] = [];
  if (query.q) {
    const p = containsPattern(query.q);
    where.push(sql`(${accounts.name} ilike ${p} or ${accounts.externalId} ilike ${p})`);
  }
  if (query.teamId)
    where.push(
      sql`exists (select 1 from account_teams at_f where at_f.account_id = ${accountIdRef} and at_f.team_id = ${query.teamId}::uuid)`,
    );
  if (query.lifecycleStage) where.push(eq(accounts.lifecycleStage, query.lifecycleStage));
  if (query.accountType) where.push(eq(accounts.accountType, query.accountType));
  if (query.tag) where.push(sql`${query.tag} = any(${accounts.tags})`);
  // Through the caller's eyes: a parent they cannot see is no parent.
  if (query.parentId) where.push(sql`${visibleParentId(actor)} = ${query.parentId}::uuid`);
  if (query.hasParent !== undefined)
    where.push(
      query.hasParent
        ? sql`${visibleParentId(actor)} is not null`
        : sql`${visibleParentId(actor)} is null`,
    );
  return page(deps, actor, where, query.cursor, query.limit);
}

/** The visible children of a visible account (404 when the account itself is not visible). */
export async function listChildren(
  deps: Deps,
  actor: Actor,
  id: string,
  cursor: string | undefined,
  limit: number,
): Promise<AccountPage> {
  await loadVisibleAccount(deps.db, actor, id);
  return page(deps, actor, [eq(accounts.parentId, id)], cursor, limit);
}

async function page(
  deps: Deps,
  actor: Actor,
  where: SQL[],
  cursor: string | undefined,
  limit: number,
): Promise<AccountPage> {
  const after = decodeCursor(cursor, cursorShape);
  const { today } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const rows = await selectSummaries(deps.db, actor, today, where, after, limit + 1);
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return {
    data,
    nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}
