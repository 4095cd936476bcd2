import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  accountRoleHolders,
  accountRoles,
  accounts,
  accountTeams,
  teams,
  users,
} from '../db/schema/index.ts';
import { accountVisible, loadVisibleAccount } from '../auth/access.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import { errors } from '../http/errors.ts';
import type { AccountDetail, AccountSummary } from './schema.ts';
import type { ListColumn } from './list-columns.ts';

// Qualified on purpose: Drizzle renders a bare "id" in single-table selects, which a subquery on tasks would capture.
export const accountIdRef = sql.raw('"accounts"."id"');

/** The parent's id, or null when the caller cannot see the parent: its existence is not leaked. */
export function visibleParentId(actor: Actor): SQL<string | null> {
  const parent = sql.raw('"accounts"."parent_id"');
  return sql<string | null>`case when ${accountVisible(actor, parent)} then ${parent} end`;
}

/** Columns of an account list row: the account, its team ids and its open/overdue task counts. */
export function summaryColumns(actor: Actor, today: string) {
  return {
    ...getTableColumns(accounts),
    parentId: visibleParentId(actor),
    teamIds: sql<
      string[]
    >`coalesce((select array_agg(at_s.team_id::text order by at_s.team_id) from account_teams at_s
      where at_s.account_id = ${accountIdRef}), '{}'::text[])`,
    roles: sql<
      Record<string, { id: string; name: string }>
    >`coalesce((select jsonb_object_agg(h_s.role_id::text, jsonb_build_object('id', u_s.id, 'name', u_s.name))
      from account_role_holders h_s join users u_s on u_s.id = h_s.user_id
      where h_s.account_id = ${accountIdRef}), '{}'::jsonb)`,
    openTaskCount: sql<number>`(select count(*)::int from tasks t_o where t_o.account_id = ${accountIdRef} and t_o.status = 'open')`,
    overdueTaskCount: sql<number>`(select count(*)::int from tasks t_d where t_d.account_id = ${accountIdRef}
      and t_d.status = 'open' and t_d.due_date < ${today}::date)`,
  };
}

type SummaryRow = typeof accounts.$inferSelect & {
  teamIds: string[];
  roles: Record<string, { id: string; name: string }>;
  openTaskCount: number;
  overdueTaskCount: number;
};

export function toSummary(row: SummaryRow): AccountSummary {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    parentId: row.parentId,
    lifecycleStage: row.lifecycleStage,
    accountType: row.accountType,
    tags: row.tags,
    attributes: row.attributes,
    teamIds: row.teamIds ?? [],
    roles: row.roles ?? {},
    openTaskCount: Number(row.openTaskCount),
    overdueTaskCount: Number(row.overdueTaskCount),
    version: row.version,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** How a list is ordered: a column, a direction, and the keyset (sort value, name, id) of the last row seen. */
export type SummaryOrder = {
  column: ListColumn;
  dir: 'asc' | 'desc';
  after: { value: string | null; name: string; id: string } | null;
};

/**
 * Visible accounts matching `where`, ordered by `order` — empty values last, ties by name then id,
 * all in the same direction so one row comparison seeks past the keyset.
 */
export async function selectSummaries(
  db: DbOrTx,
  actor: Actor,
  today: string,
  where: SQL[],
  order: SummaryOrder,
  limit: number,
) {
  const { column, dir, after } = order;
  const v = column.sortExpr;
  const name = sql.raw('"accounts"."name"');
  const cmp = sql.raw(dir === 'asc' ? '>' : '<');
  const conds = [
    eq(accounts.workspaceId, actor.workspaceId),
    accountVisible(actor, accounts.id),
    ...where,
  ];
  if (after) {
    const typed = sql`${after.value}::${sql.raw(column.sortType)}`;
    const tie = sql`(${name}, ${accountIdRef}) ${cmp} (${after.name}, ${after.id}::uuid)`;
    const seek = sql`(${v}, ${name}, ${accountIdRef}) ${cmp} (${typed}, ${after.name}, ${after.id}::uuid)`;
    if (column.isName) conds.push(tie);
    else if (after.value === null) conds.push(sql`(${v} is null and ${tie})`);
    else conds.push(sql`(${v} is null or ${seek})`);
  }
  const direction = sql.raw(dir);
  const rows = await db
    .select({ ...summaryColumns(actor, today), sortValue: sql<string | null>`(${v})::text` })
    .from(accounts)
    .where(and(...conds))
    // The name order is (name, id) alone, so accounts_name_idx serves the default list.
    .orderBy(
      ...(column.isName ? [] : [sql`${v} ${direction} nulls last`]),
      sql`${name} ${direction}`,
      sql`${accountIdRef} ${direction}`,
    )
    .limit(limit);
  return rows.map((r) => ({ summary: toSummary(r), sortValue: r.sortValue }));
}

/** The account page: the account plus teams, role holders, parent, visible children and task counts. */
export async function loadAccountDetail(
  db: DbOrTx,
  actor: Actor,
  id: string,
  now: Date,
): Promise<AccountDetail> {
  await loadVisibleAccount(db, actor, id);
  const { today } = await workspaceToday(db, actor.workspaceId, now);
  const [row] = await db
    .select(summaryColumns(actor, today))
    .from(accounts)
    .where(eq(accounts.id, id));
  if (!row) throw errors.notFound('Account');
  const teamRows = await db
    .select({ id: teams.id, name: teams.name })
    .from(accountTeams)
    .innerJoin(teams, eq(teams.id, accountTeams.teamId))
    .where(eq(accountTeams.accountId, id))
    .orderBy(asc(teams.name));
  const roleRows = await db
    .select({
      roleId: accountRoles.id,
      roleName: accountRoles.name,
      userId: users.id,
      userName: users.name,
    })
    .from(accountRoles)
    .leftJoin(
      accountRoleHolders,
      and(eq(accountRoleHolders.roleId, accountRoles.id), eq(accountRoleHolders.accountId, id)),
    )
    .leftJoin(users, eq(users.id, accountRoleHolders.userId))
    .where(eq(accountRoles.workspaceId, actor.workspaceId))
    .orderBy(asc(accountRoles.name));
  const parent = row.parentId
    ? ((
        await db
          .select({ id: accounts.id, name: accounts.name })
          .from(accounts)
          .where(and(eq(accounts.id, row.parentId), accountVisible(actor, accounts.id)))
      )[0] ?? null)
    : null;
  const [children] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, actor.workspaceId),
        eq(accounts.parentId, id),
        accountVisible(actor, accounts.id),
      ),
    );
  return {
    ...toSummary(row),
    parent,
    childrenCount: Number(children?.n ?? 0),
    teams: teamRows,
    roleHolders: roleRows.map((r) => ({
      roleId: r.roleId,
      roleName: r.roleName,
      user: r.userId ? { id: r.userId, name: r.userName ?? '' } : null,
    })),
  };
}
