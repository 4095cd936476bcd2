import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { accounts } from '../db/schema/index.ts';
import { loadVisibleAccount } from '../auth/access.ts';
import { containsPattern } from './cursor.ts';
import { errors } from '../http/errors.ts';
import { compileFilter, isCalendarDay, resolveColumn, type ListColumn } from './list-columns.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { accountIdRef, selectSummaries, visibleParentId } from './queries.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import type { AccountSummary, ListAccountsQuery } from './schema.ts';

// [sort column, direction, last sort value as text or null when empty, last name, last id]
const cursorShape = z.tuple([
  z.string().max(200),
  z.enum(['asc', 'desc']),
  z.string().max(1000).nullable(),
  z.string().max(1000),
  cursorPart.id,
]);

export type AccountPage = { data: AccountSummary[]; nextCursor: string | null };

/**
 * Accounts the caller can see, filtered and searched, sorted by any list column (name by default;
 * see `list-columns.ts`) with a keyset cursor per sort.
 */
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
  for (const raw of asList(query.filter))
    where.push(await compileFilter(deps.db, actor.workspaceId, raw));
  const sort = query.sort ?? 'name';
  const column = await resolveColumn(deps.db, actor.workspaceId, sort);
  if (!column)
    throw errors.field(
      'query.sort',
      `There is no column "${sort}" to sort by: use name, lifecycleStage, attr.<key> or role.<roleId>.`,
    );
  return page(deps, actor, where, { name: sort, column, dir: query.dir ?? 'asc' }, query);
}

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());

/** The visible children of a visible account (404 when the account itself is not visible). */
export async function listChildren(
  deps: Deps,
  actor: Actor,
  id: string,
  cursor: string | undefined,
  limit: number,
): Promise<AccountPage> {
  await loadVisibleAccount(deps.db, actor, id);
  const column = (await resolveColumn(deps.db, actor.workspaceId, 'name'))!;
  return page(
    deps,
    actor,
    [eq(accounts.parentId, id)],
    { name: 'name', column, dir: 'asc' },
    { cursor, limit },
  );
}

/** A cursor's sort value is cast in SQL, so a tampered one must be refused before it gets there. */
function sortValueReads(type: ListColumn['sortType'], value: string): boolean {
  if (type === 'numeric') return /^-?\d{1,1000}(\.\d{1,1000})?$/.test(value);
  if (type === 'date') return isCalendarDay(value);
  if (type === 'boolean') return value === 'true' || value === 'false';
  return true;
}

async function page(
  deps: Deps,
  actor: Actor,
  where: SQL[],
  sort: { name: string; column: ListColumn; dir: 'asc' | 'desc' },
  req: { cursor?: string | undefined; limit: number },
): Promise<AccountPage> {
  const decoded = decodeCursor(req.cursor, cursorShape);
  if (
    decoded &&
    (decoded[0] !== sort.name ||
      decoded[1] !== sort.dir ||
      (decoded[2] !== null && !sortValueReads(sort.column.sortType, decoded[2])))
  )
    throw errors.field(
      'query.cursor',
      'This cursor belongs to another sort; start again from the first page.',
    );
  const after = decoded ? { value: decoded[2], name: decoded[3], id: decoded[4] } : null;
  const { today } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const rows = await selectSummaries(
    deps.db,
    actor,
    today,
    where,
    { column: sort.column, dir: sort.dir, after },
    req.limit + 1,
  );
  const data = rows.slice(0, req.limit);
  const last = data.at(-1);
  return {
    data: data.map((r) => r.summary),
    nextCursor:
      rows.length > req.limit && last
        ? encodeCursor([sort.name, sort.dir, last.sortValue, last.summary.name, last.summary.id])
        : null,
  };
}
