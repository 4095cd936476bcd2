// The report's definitions as SQL over the tasks table, shared by the counts and the drill-down
// lists so a list always holds exactly the tasks its number counted.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { uuidArray } from '../db/arrays.ts';
import { completedOnTime } from '../reports/on-time.ts';
import type { FocusMetric, FocusSlice } from './schema.ts';
import type { FocusScope } from './scope.ts';

/**
 * Tasks a report covers: this workspace, never deleted, on an account of the scope teams that the
 * caller can see. The status list is literal text so the planner can match tasks_spotlight_idx.
 */
export function scopeTasks(actor: Actor, scope: FocusScope): SQL {
  return sql`${tasks.workspaceId} = ${scope.workspaceId}::uuid and ${tasks.status} in ('open', 'completed')
    and ${tasks.accountId} in (select at_s.account_id from account_teams at_s
      where at_s.workspace_id = ${scope.workspaceId}::uuid and at_s.team_id = any(${uuidArray(scope.teamIds)})
      and ${accountVisible(actor, sql`at_s.account_id`)})`;
}

/** Rows that can count for any metric: open now, or created/completed since the period began. */
export function relevantTasks(scope: FocusScope): SQL {
  return sql`(${tasks.status} = 'open' or ${tasks.completedAt} >= ${scope.fromTs}::timestamptz or ${tasks.createdAt} >= ${scope.fromTs}::timestamptz)`;
}

const inPeriod = (column: typeof tasks.createdAt | typeof tasks.completedAt, scope: FocusScope) =>
  sql`${column} >= ${scope.fromTs}::timestamptz and ${column} < ${scope.toTs}::timestamptz`;

/** One metric's condition; "on time" is the one definition of reports/on-time.ts. */
export function metricCondition(metric: FocusMetric, scope: FocusScope): SQL {
  const completed = sql`${tasks.status} = 'completed' and ${inPeriod(tasks.completedAt, scope)}`;
  switch (metric) {
    case 'created':
      return inPeriod(tasks.createdAt, scope);
    case 'completed':
      return completed;
    case 'completed_on_time':
      return sql`${completed} and ${completedOnTime(tasks.completedAt, tasks.dueDate, scope.timeZone)}`;
    case 'overdue':
      return sql`${tasks.status} = 'open' and ${tasks.dueDate} < ${scope.today}::date`;
    case 'open':
      return sql`${tasks.status} = 'open'`;
  }
}

/** Narrows to one member, flow or role; `roleId: 'none'` = tasks assigned by name. */
export function sliceCondition(slice: FocusSlice): SQL | undefined {
  return and(
    slice.userId ? eq(tasks.assigneeUserId, slice.userId) : undefined,
    slice.flowId ? eq(tasks.flowId, slice.flowId) : undefined,
    slice.roleId === 'none'
      ? isNull(tasks.assigneeRoleId)
      : slice.roleId
        ? eq(tasks.assigneeRoleId, slice.roleId)
        : undefined,
  );
}
