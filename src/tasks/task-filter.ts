import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { addDays } from '../workspaces/dates.ts';
import { priorityLevel, type Priority } from './queries.ts';

/** Filters of the tasks collection, its CSV export and (later) segment work views. */
export type TaskFilters = {
  due?: 'overdue' | 'today' | 'this_week' | 'next_7_days' | 'incomplete' | 'completed' | 'range';
  /** Inclusive due-date bounds for `due: 'range'` (also honoured alone). */
  from?: string;
  to?: string;
  /** 'me' | 'all' | a user id | 'team:<teamId>' (tasks of that team's members). */
  assignee?: string;
  accountId?: string;
  flowId?: string;
  priority?: Priority;
  /** Wins over the status a due window implies; default: open, or what the window implies. */
  status?: 'open' | 'completed' | 'all';
  playId?: string;
  outcome?: string;
  source?: 'manual' | 'play' | 'template' | 'follow_up';
  /**
   * Hook for segment filters: an SQL subquery selecting account ids (e.g. a segment's members);
   * only tasks on those accounts match. Built by the segments feature, never from user text.
   */
  accountIdsSql?: SQL;
};

/** Monday of the ISO week that contains `date`. */
export function weekStart(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((dow + 6) % 7));
}

function statusCondition(filters: TaskFilters): SQL {
  const implied = filters.due === 'completed' ? 'completed' : filters.due === 'range' ? 'all' : 'open';
  const status = filters.status ?? implied;
  // `in (…)` rather than `<> 'deleted'` keeps the (workspace, status, …) indexes usable.
  return status === 'all' ? inArray(tasks.status, ['open', 'completed']) : eq(tasks.status, status);
}

function dueCondition(filters: TaskFilters, today: string): SQL | undefined {
  switch (filters.due) {
    case 'overdue': return and(eq(tasks.status, 'open'), sql`${tasks.dueDate} < ${today}::date`);
    case 'today': return sql`${tasks.dueDate} = ${today}::date`;
    case 'this_week': { const from = weekStart(today); return sql`${tasks.dueDate} between ${from}::date and ${addDays(from, 6)}::date`; }
    case 'next_7_days': return sql`${tasks.dueDate} between ${today}::date and ${addDays(today, 6)}::date`;
    default: return undefined;
  }
}

/**
 * The one WHERE clause for task lists: workspace, never deleted, only accounts the caller can see,
 * then the requested filters. `today` is the workspace-local date (due windows are workspace dates).
 */
export function buildTaskFilter(actor: Actor, filters: TaskFilters, today: string): SQL {
  const conds: Array<SQL | undefined> = [
    eq(tasks.workspaceId, actor.workspaceId), statusCondition(filters), accountVisible(actor, tasks.accountId), dueCondition(filters, today),
  ];
  if (filters.from) conds.push(sql`${tasks.dueDate} >= ${filters.from}::date`);
  if (filters.to) conds.push(sql`${tasks.dueDate} <= ${filters.to}::date`);
  const a = filters.assignee;
  if (a === 'me') conds.push(eq(tasks.assigneeUserId, actor.userId));
  else if (a?.startsWith('team:')) {
    conds.push(sql`${tasks.assigneeUserId} in (select tm.user_id from team_members tm
      where tm.team_id = ${a.slice(5)}::uuid and tm.workspace_id = ${actor.workspaceId}::uuid)`);
  } else if (a && a !== 'all') conds.push(eq(tasks.assigneeUserId, a));
  if (filters.accountId) conds.push(eq(tasks.accountId, filters.accountId));
  if (filters.flowId) conds.push(eq(tasks.flowId, filters.flowId));
  if (filters.priority) conds.push(eq(tasks.priority, priorityLevel[filters.priority]));
  if (filters.playId) conds.push(eq(tasks.playId, filters.playId));
  if (filters.outcome) conds.push(eq(tasks.outcome, filters.outcome));
  if (filters.source) conds.push(eq(tasks.source, filters.source));
  if (filters.accountIdsSql) conds.push(sql`${tasks.accountId} in (${filters.accountIdsSql})`);
  return and(...conds) as SQL;
}
