import { and, eq, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accountTeams, accounts, tasks } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { uuidArray } from '../db/arrays.ts';
import { addDays } from '../workspaces/dates.ts';
import { priorityLevel, type Priority } from './priority.ts';

/** Filters of the tasks collection, its CSV export and (later) segment work views. */
export type TaskFilters = {
  due?: 'overdue' | 'today' | 'this_week' | 'next_7_days' | 'incomplete' | 'completed' | 'range';
  /** Inclusive due-date bounds for `due: 'range'` (also honoured alone). */
  from?: string;
  to?: string;
  /** 'me' | 'all' | 'contacts' (tasks assigned to contacts) | a user id | 'team:<teamId>' (tasks of that team's members). */
  assignee?: string;
  accountId?: string;
  flowId?: string;
  priority?: Priority;
  /** Wins over the status a due window implies; default: open, or what the window implies. */
  status?: 'open' | 'completed' | 'all';
  playId?: string;
  outcome?: string;
  source?: 'manual' | 'play' | 'template' | 'follow_up';
  /** Text search: the task's title or its account's name contains it (case-insensitive). */
  q?: string;
  /**
   * Hook for segment filters: an SQL subquery selecting account ids (e.g. a segment's members);
   * only tasks on those accounts match. Built by the segments feature, never from user text.
   */
  accountIdsSql?: SQL;
};

/**
 * How the caller's account visibility is expressed in SQL: admins see everything; a caller whose
 * teams hold few accounts gets the explicit id list (lists can then be driven account by account);
 * otherwise a per-row `exists` on account_teams.
 */
export type Visibility = { kind: 'all' } | { kind: 'accounts'; ids: string[] } | { kind: 'teams' };

/** Up to this many visible accounts, lists are read account by account (bounded cost even when matches are rare). */
export const FEW_ACCOUNTS = 1000;

export async function resolveVisibility(db: DbOrTx, actor: Actor): Promise<Visibility> {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.teamIds.length === 0) return { kind: 'accounts', ids: [] };
  // No DISTINCT: it would walk the whole primary key; reading per team via account_teams_team_idx
  // and de-duplicating here is ~10x cheaper. Enough rows are read to tell "more than FEW_ACCOUNTS".
  const rows = await db
    .select({ id: accountTeams.accountId })
    .from(accountTeams)
    .where(
      and(
        eq(accountTeams.workspaceId, actor.workspaceId),
        sql`${accountTeams.teamId} = any(${uuidArray(actor.teamIds)})`,
      ),
    )
    .limit(FEW_ACCOUNTS * actor.teamIds.length + 1);
  const ids = [...new Set(rows.map((r) => r.id))];
  return ids.length > FEW_ACCOUNTS ? { kind: 'teams' } : { kind: 'accounts', ids };
}

function visibilityCondition(actor: Actor, visibility: Visibility | undefined): SQL {
  if (!visibility || visibility.kind === 'teams') return accountVisible(actor, tasks.accountId);
  if (visibility.kind === 'all') return sql`true`;
  return visibility.ids.length
    ? sql`${tasks.accountId} = any(${uuidArray(visibility.ids)})`
    : sql`false`;
}

/** Monday of the ISO week that contains `date`. */
export function weekStart(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((dow + 6) % 7));
}

/** The status a request selects: explicit `status`, else what the due window implies, else open. */
export function effectiveStatus(filters: TaskFilters): 'open' | 'completed' | 'all' {
  return (
    filters.status ??
    (filters.due === 'completed' ? 'completed' : filters.due === 'range' ? 'all' : 'open')
  );
}

function dueCondition(filters: TaskFilters, today: string): SQL | undefined {
  switch (filters.due) {
    case 'overdue':
      return and(eq(tasks.status, 'open'), sql`${tasks.dueDate} < ${today}::date`);
    case 'today':
      return sql`${tasks.dueDate} = ${today}::date`;
    case 'this_week': {
      const from = weekStart(today);
      return sql`${tasks.dueDate} between ${from}::date and ${addDays(from, 6)}::date`;
    }
    case 'next_7_days':
      return sql`${tasks.dueDate} between ${today}::date and ${addDays(today, 6)}::date`;
    default:
      return undefined;
  }
}

/**
 * The one WHERE clause for task lists: workspace, never deleted, only accounts the caller can see,
 * then the requested filters. `today` is the workspace-local date (due windows are workspace dates).
 * Pass the caller's resolved `visibility` when you have it; without it the per-row team check is used.
 */
export function buildTaskFilter(
  actor: Actor,
  filters: TaskFilters,
  today: string,
  visibility?: Visibility,
): SQL {
  const status = effectiveStatus(filters);
  const conds: Array<SQL | undefined> = [
    eq(tasks.workspaceId, actor.workspaceId),
    status === 'all' ? ne(tasks.status, 'deleted') : eq(tasks.status, status),
    visibilityCondition(actor, visibility),
    dueCondition(filters, today),
  ];
  if (filters.from) conds.push(sql`${tasks.dueDate} >= ${filters.from}::date`);
  if (filters.to) conds.push(sql`${tasks.dueDate} <= ${filters.to}::date`);
  const a = filters.assignee;
  if (a === 'me') conds.push(eq(tasks.assigneeUserId, actor.userId));
  else if (a === 'contacts') conds.push(isNotNull(tasks.assigneeContactId));
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
  if (filters.q) conds.push(textSearch(actor, filters.q));
  return and(...conds) as SQL;
}

/** `%` and `_` in what people type are literal characters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Title or account name contains the text. No trigram index: it filters the rows the other
 * conditions (workspace, status, assignee/account, visibility) already narrowed, and the account
 * side is one pass over the workspace's accounts, hashed once per query.
 */
function textSearch(actor: Actor, text: string): SQL {
  const pattern = likePattern(text);
  return sql`(${tasks.title} ilike ${pattern} or ${tasks.accountId} in (select a.id from ${accounts} a
    where a.workspace_id = ${actor.workspaceId}::uuid and a.name ilike ${pattern}))`;
}

/**
 * The same set as buildTaskFilter, split into one clause per status: each branch is then an ordered
 * range of a (…, status, priority, due_date, created_at, id) index, and a page is a merge of the branches.
 */
export function taskFilterBranches(
  actor: Actor,
  filters: TaskFilters,
  today: string,
  visibility?: Visibility,
): SQL[] {
  if (effectiveStatus(filters) !== 'all')
    return [buildTaskFilter(actor, filters, today, visibility)];
  return (['open', 'completed'] as const).map((status) =>
    buildTaskFilter(actor, { ...filters, status }, today, visibility),
  );
}
