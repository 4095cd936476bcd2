import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accountRoles, flows, tasks, teamMembers, users } from '../db/schema/index.ts';
import { sqlUuidArray } from '../auth/access.ts';
import { queryRows } from '../segments/rows.ts';
import { addDays } from '../workspaces/dates.ts';
import { metricCondition, metricCounts, relevantTasks, scopeTasks } from './conditions.ts';
import type { FocusCounts, WorkFocus } from './schema.ts';
import { resolveScope, type FocusScope } from './scope.ts';

type CountRow = { created: number; completed: number; on_time: number; overdue: number; open: number };
type GroupRow = CountRow & { gu: number; gf: number; gr: number; user_id: string | null; flow_id: string | null; role_id: string | null };

const zero: CountRow = { created: 0, completed: 0, on_time: 0, overdue: 0, open: 0 };

function toCounts(r: CountRow): FocusCounts {
  return {
    created: r.created, completed: r.completed, completedOnTime: r.on_time, overdueNow: r.overdue, openNow: r.open,
    onTimeRate: r.completed === 0 ? null : r.on_time / r.completed,
  };
}

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/**
 * Team Spotlight → Work focus (SPEC §9): one pass over the scope's tasks with grouping sets gives the
 * totals and the per-assignee, per-flow and per-role counts; a second grouped pass gives the daily series.
 */
export async function getWorkFocus(deps: Deps, actor: Actor, input: { teamId?: string; days: number }): Promise<WorkFocus> {
  const scope = await resolveScope(deps, actor, input);
  const where = sql`${scopeTasks(actor, scope)} and ${relevantTasks(scope)}`;
  const groups = await queryRows<GroupRow>(deps.db, sql`
    select grouping(${tasks.assigneeUserId})::int as gu, grouping(${tasks.flowId})::int as gf, grouping(${tasks.assigneeRoleId})::int as gr,
      ${tasks.assigneeUserId} as user_id, ${tasks.flowId} as flow_id, ${tasks.assigneeRoleId} as role_id, ${metricCounts(scope)}
    from ${tasks} where ${where}
    group by grouping sets ((), (${tasks.assigneeUserId}), (${tasks.flowId}), (${tasks.assigneeRoleId}))`);
  const totals = groups.find((g) => g.gu && g.gf && g.gr) ?? zero;
  const perUser = new Map(groups.filter((g) => !g.gu && g.user_id).map((g) => [g.user_id!, g]));
  const perFlow = groups.filter((g) => !g.gf && g.flow_id);
  const perRole = groups.filter((g) => !g.gr);

  const members = await scopeMembers(deps.db, scope);
  const flowNames = await namesOf(deps.db, scope.workspaceId, flows, perFlow.map((g) => g.flow_id!));
  const roleNames = await namesOf(deps.db, scope.workspaceId, accountRoles, perRole.flatMap((g) => (g.role_id ? [g.role_id] : [])));
  const roles = perRole.map((g) => ({ role: g.role_id ? { id: g.role_id, name: roleNames.get(g.role_id) ?? '' } : null, ...toCounts(g) }));
  return {
    team: scope.team,
    period: scope.period,
    totals: toCounts(totals),
    members: members.map((u) => ({ user: u, ...toCounts(perUser.get(u.id) ?? zero) })),
    byFlow: perFlow.map((g) => ({ flow: { id: g.flow_id!, name: flowNames.get(g.flow_id!) ?? '' }, ...toCounts(g) }))
      .sort((a, b) => byName(a.flow, b.flow)),
    // Named roles first, then the tasks assigned by name.
    byRole: roles.sort((a, b) => (!a.role ? 1 : !b.role ? -1 : byName(a.role, b.role))),
    byDate: await dailySeries(deps.db, actor, scope),
  };
}

/** Created and completed per workspace-local day, one row per day of the period (zero-filled). */
async function dailySeries(db: DbOrTx, actor: Actor, scope: FocusScope) {
  const tz = scope.timeZone;
  const rows = await queryRows<{ date: string; created: number; completed: number }>(db, sql`
    select to_char(d.day, 'YYYY-MM-DD') as date, sum(d.c)::int as created, sum(d.k)::int as completed
    from ${tasks} cross join lateral (values
      (case when ${metricCondition('created', scope)} then (${tasks.createdAt} at time zone ${tz}::text)::date end, 1, 0),
      (case when ${metricCondition('completed', scope)} then (${tasks.completedAt} at time zone ${tz}::text)::date end, 0, 1)
    ) as d(day, c, k)
    where ${scopeTasks(actor, scope)} and d.day is not null
      and (${tasks.createdAt} >= ${scope.fromTs}::timestamptz or ${tasks.completedAt} >= ${scope.fromTs}::timestamptz)
    group by d.day`);
  const byDay = new Map(rows.map((r) => [r.date, r]));
  return Array.from({ length: scope.period.days }, (_, i) => {
    const date = addDays(scope.period.from, i);
    const r = byDay.get(date);
    return { date, created: r?.created ?? 0, completed: r?.completed ?? 0 };
  });
}

/** Every member of the scope teams (each once), by name: a member with no tasks still gets a row. */
async function scopeMembers(db: DbOrTx, scope: FocusScope) {
  if (scope.teamIds.length === 0) return [];
  return db.selectDistinct({ id: users.id, name: users.name }).from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.workspaceId, scope.workspaceId), sql`${teamMembers.teamId} = any(${sqlUuidArray(scope.teamIds)})`))
    .orderBy(asc(users.name), asc(users.id));
}

async function namesOf(db: DbOrTx, workspaceId: string, table: typeof flows | typeof accountRoles, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: table.id, name: table.name }).from(table).where(and(eq(table.workspaceId, workspaceId), inArray(table.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
