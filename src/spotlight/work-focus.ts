import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accountRoles, flows, tasks, teamMembers, users } from '../db/schema/index.ts';
import { uuidArray } from '../db/arrays.ts';
import { queryRows } from '../db/rows.ts';
import { addDays } from '../workspaces/dates.ts';
import { onTimeRate } from '../reports/on-time.ts';
import { metricCondition, relevantTasks, scopeTasks } from './conditions.ts';
import type { FocusCounts, FocusMetric, WorkFocus } from './schema.ts';
import { resolveScope, type FocusScope } from './scope.ts';

type CountRow = {
  created: number;
  completed: number;
  on_time: number;
  overdue: number;
  open: number;
};
type GroupRow = CountRow & {
  gu: number;
  gf: number;
  gr: number;
  gc: number;
  gd: number;
  user_id: string | null;
  flow_id: string | null;
  role_id: string | null;
  day: string | null;
};

const zero: CountRow = { created: 0, completed: 0, on_time: 0, overdue: 0, open: 0 };

function toCounts(r: CountRow): FocusCounts {
  return {
    created: r.created,
    completed: r.completed,
    completedOnTime: r.on_time,
    overdueNow: r.overdue,
    openNow: r.open,
    onTimeRate: onTimeRate(r.on_time, r.completed),
  };
}

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/**
 * One pass over the scope's tasks: the metric flags are computed once per task (materialized), then
 * grouping sets give the totals, per assignee, flow and role, and per local day created / completed.
 */
async function groupedCounts(db: DbOrTx, actor: Actor, scope: FocusScope): Promise<GroupRow[]> {
  const tz = scope.timeZone;
  const flag = (m: FocusMetric) => metricCondition(m, scope);
  return queryRows<GroupRow>(
    db,
    sql`
    with s as materialized (
      select ${tasks.assigneeUserId} as u, ${tasks.flowId} as f, ${tasks.assigneeRoleId} as r,
        (${flag('created')}) as c, (${flag('completed')}) as d, (${flag('completed_on_time')}) as ot, (${flag('overdue')}) as od, (${flag('open')}) as o,
        ${tasks.createdAt} as created_at, ${tasks.completedAt} as completed_at
      from ${tasks} where ${scopeTasks(actor, scope)} and ${relevantTasks(scope)}
    ), x as (
      select s.*, case when c then (created_at at time zone ${tz}::text)::date end as cday,
        case when d then (completed_at at time zone ${tz}::text)::date end as dday from s
    )
    select grouping(u)::int as gu, grouping(f)::int as gf, grouping(r)::int as gr, grouping(cday)::int as gc, grouping(dday)::int as gd,
      u as user_id, f as flow_id, r as role_id, to_char(coalesce(cday, dday), 'YYYY-MM-DD') as day,
      count(*) filter (where c)::int as created, count(*) filter (where d)::int as completed, count(*) filter (where ot)::int as on_time,
      count(*) filter (where od)::int as overdue, count(*) filter (where o)::int as open
    from x group by grouping sets ((), (u), (f), (r), (cday), (dday))`,
  );
}

/**
 * Team Spotlight → Work focus (SPEC §9): created, completed, completed on time, overdue now and open
 * now for the scope teams, per member, flow, role and day, from one grouped query.
 */
export async function getWorkFocus(
  deps: Deps,
  actor: Actor,
  input: { teamId?: string; days: number },
): Promise<WorkFocus> {
  const scope = await resolveScope(deps, actor, input);
  const groups = await groupedCounts(deps.db, actor, scope);
  const set = (g: GroupRow) =>
    g.gu + g.gf + g.gr + g.gc + g.gd === 5
      ? 'total'
      : !g.gu
        ? 'user'
        : !g.gf
          ? 'flow'
          : !g.gr
            ? 'role'
            : !g.gc
              ? 'cday'
              : 'dday';
  const totals = groups.find((g) => set(g) === 'total') ?? zero;
  const perUser = new Map(
    groups.filter((g) => set(g) === 'user' && g.user_id).map((g) => [g.user_id!, g]),
  );
  const perFlow = groups.filter((g) => set(g) === 'flow' && g.flow_id);
  const perRole = groups.filter((g) => set(g) === 'role');
  const createdOn = new Map(
    groups.filter((g) => set(g) === 'cday' && g.day).map((g) => [g.day!, g.created]),
  );
  const completedOn = new Map(
    groups.filter((g) => set(g) === 'dday' && g.day).map((g) => [g.day!, g.completed]),
  );

  const members = await scopeMembers(deps.db, scope);
  const flowNames = await namesOf(
    deps.db,
    scope.workspaceId,
    flows,
    perFlow.map((g) => g.flow_id!),
  );
  const roleNames = await namesOf(
    deps.db,
    scope.workspaceId,
    accountRoles,
    perRole.flatMap((g) => (g.role_id ? [g.role_id] : [])),
  );
  const roles = perRole.map((g) => ({
    role: g.role_id ? { id: g.role_id, name: roleNames.get(g.role_id) ?? '' } : null,
    ...toCounts(g),
  }));
  return {
    team: scope.team,
    period: scope.period,
    totals: toCounts(totals),
    members: members.map((u) => ({ user: u, ...toCounts(perUser.get(u.id) ?? zero) })),
    byFlow: perFlow
      .map((g) => ({
        flow: { id: g.flow_id!, name: flowNames.get(g.flow_id!) ?? '' },
        ...toCounts(g),
      }))
      .sort((a, b) => byName(a.flow, b.flow)),
    // Named roles first, then the tasks assigned by name.
    byRole: roles.sort((a, b) => (!a.role ? 1 : !b.role ? -1 : byName(a.role, b.role))),
    // One row per day of the period, zero-filled.
    byDate: Array.from({ length: scope.period.days }, (_, i) => {
      const date = addDays(scope.period.from, i);
      return { date, created: createdOn.get(date) ?? 0, completed: completedOn.get(date) ?? 0 };
    }),
  };
}

/** Every member of the scope teams (each once), by name: a member with no tasks still gets a row. */
async function scopeMembers(db: DbOrTx, scope: FocusScope) {
  if (scope.teamIds.length === 0) return [];
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(
      and(
        eq(teamMembers.workspaceId, scope.workspaceId),
        sql`${teamMembers.teamId} = any(${uuidArray(scope.teamIds)})`,
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
}

async function namesOf(
  db: DbOrTx,
  workspaceId: string,
  table: typeof flows | typeof accountRoles,
  ids: string[],
) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(and(eq(table.workspaceId, workspaceId), inArray(table.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
