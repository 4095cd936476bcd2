import { and, eq, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { accountVisible, loadVisibleAccount } from '../auth/access.ts';
import { countTaskGroups, type GroupBy, type TaskGroup } from './count-groups.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import type { TaskItem } from './schema.ts';
import {
  buildTaskFilter,
  effectiveStatus,
  resolveVisibility,
  taskFilterBranches,
  type TaskFilters,
  type Visibility,
} from './task-filter.ts';
import { rowsFor, taskPage } from './task-page.ts';
import { countTaskTotals, type TaskTotals } from './count-totals.ts';
import { sortedPageKeys, type SortDir, type TaskSort } from './sorted-page.ts';
import { toTaskItem } from './task-view.ts';
import type { DbOrTx } from '../db/client.ts';

type Page = { cursor?: string; limit: number };
type StatusChoice = 'open' | 'completed' | 'all';
export type TaskListResult = {
  data: TaskItem[];
  nextCursor: string | null;
  groups?: TaskGroup[];
  counts?: TaskTotals;
};
type Sorting = { sort?: TaskSort; dir?: SortDir; include?: 'counts' };

/**
 * The order a list is read in: work order (priority ascending is work order) unless another sort is
 * asked for; completed-only lists default to newest completed first.
 */
function sortOf(query: TaskFilters & Sorting): { sort: TaskSort; dir: SortDir } | null {
  if (!query.sort)
    return effectiveStatus(query) === 'completed' ? { sort: 'completedAt', dir: 'desc' } : null;
  const dir = query.dir ?? (query.sort === 'completedAt' ? 'desc' : 'asc');
  return query.sort === 'priority' && dir === 'asc' ? null : { sort: query.sort, dir };
}

/** The statuses the header totals span: the due window's, not the Open / Completed switch. */
const totalsFilters = (query: TaskFilters): TaskFilters => ({
  ...query,
  status: query.due === 'completed' ? 'completed' : query.due === 'incomplete' ? 'open' : 'all',
});

/**
 * Few visible accounts and no more selective filter: read account by account. Otherwise scan the
 * workspace (or assignee, or account) index in work order and stop after one page.
 */
export function drivingAccounts(
  visibility: Visibility,
  filters: TaskFilters,
): string[] | undefined {
  if (visibility.kind !== 'accounts') return undefined;
  const assigneeDriven =
    filters.assignee !== undefined &&
    filters.assignee !== 'all' &&
    !filters.assignee.startsWith('team:');
  return assigneeDriven || filters.accountId || filters.playId ? undefined : visibility.ids;
}

/** The tasks collection (SPEC §2): filtered, in work order, with counts per group over the whole filtered set. */
export async function listTasks(
  deps: Deps,
  actor: Actor,
  query: TaskFilters & Page & Sorting & { groupBy?: GroupBy },
): Promise<TaskListResult> {
  const { today } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const visibility = await resolveVisibility(deps.db, actor);
  const sorting = sortOf(query);
  const page = sorting
    ? await sortedPage(deps.db, {
        where: buildTaskFilter(actor, query, today, visibility),
        ...sorting,
        cursor: query.cursor,
        limit: query.limit,
        today,
      })
    : await taskPage(deps.db, {
        branches: taskFilterBranches(actor, query, today, visibility),
        cursor: query.cursor,
        limit: query.limit,
        today,
        drivingAccounts: drivingAccounts(visibility, query),
      });
  const result: TaskListResult = page;
  if (query.groupBy)
    result.groups = await countTaskGroups(
      deps.db,
      buildTaskFilter(actor, query, today, visibility),
      query.groupBy,
    );
  if (query.include === 'counts')
    result.counts = await countTaskTotals(
      deps.db,
      buildTaskFilter(actor, totalsFilters(query), today, visibility),
      today,
    );
  return result;
}

/** A page in a chosen sort (one ordered, limited scan of the filtered set). */
async function sortedPage(
  db: DbOrTx,
  req: { where: SQL; sort: TaskSort; dir: SortDir; cursor?: string; limit: number; today: string },
) {
  const { ids, nextCursor } = await sortedPageKeys(db, req.where, req);
  const rows = await rowsFor(
    db,
    ids.map((id) => ({ id })),
  );
  return { data: rows.map((r) => toTaskItem(r, req.today)), nextCursor };
}

/** Completed lists read newest completed first, like the tasks collection's. */
const newestCompletedFirst = (db: DbOrTx, base: SQL, query: Page, today: string) =>
  sortedPage(db, {
    where: and(base, eq(tasks.status, 'completed'))!,
    sort: 'completedAt',
    dir: 'desc',
    cursor: query.cursor,
    limit: query.limit,
    today,
  });

// One clause per status so each is an ordered index range (see taskFilterBranches).
const byStatus = (base: SQL, status: StatusChoice): SQL[] =>
  (status === 'all' ? (['open', 'completed'] as const) : [status]).map((s) =>
    and(base, eq(tasks.status, s))!,
  );

/** My Portfolio → Work: tasks assigned to the caller (served by tasks_assignee_order_idx). */
export async function listMyWork(deps: Deps, actor: Actor, query: Page & { status: StatusChoice }) {
  const { today } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const base = and(
    eq(tasks.workspaceId, actor.workspaceId),
    eq(tasks.assigneeUserId, actor.userId),
    accountVisible(actor, tasks.accountId),
  )!;
  if (query.status === 'completed') return newestCompletedFirst(deps.db, base, query, today);
  return taskPage(deps.db, {
    branches: byStatus(base, query.status),
    cursor: query.cursor,
    limit: query.limit,
    today,
  });
}

/** Account → Work: every task on one visible account (served by tasks_account_order_idx). */
export async function listAccountWork(
  deps: Deps,
  actor: Actor,
  accountId: string,
  query: Page & { status: StatusChoice },
) {
  const account = await loadVisibleAccount(deps.db, actor, accountId);
  const { today } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const base = and(eq(tasks.accountId, account.id), eq(tasks.workspaceId, actor.workspaceId))!;
  if (query.status === 'completed') return newestCompletedFirst(deps.db, base, query, today);
  return taskPage(deps.db, {
    branches: byStatus(base, query.status),
    cursor: query.cursor,
    limit: query.limit,
    today,
  });
}
