import { and, eq, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { accountVisible, loadVisibleAccount } from '../auth/access.ts';
import { countTaskGroups, type GroupBy, type TaskGroup } from './count-groups.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import type { TaskItem } from './schema.ts';
import {
  buildTaskFilter,
  resolveVisibility,
  taskFilterBranches,
  type TaskFilters,
  type Visibility,
} from './task-filter.ts';
import { taskPage } from './task-page.ts';

type Page = { cursor?: string; limit: number };
type StatusChoice = 'open' | 'completed' | 'all';
export type TaskListResult = { data: TaskItem[]; nextCursor: string | null; groups?: TaskGroup[] };

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
  query: TaskFilters & Page & { groupBy?: GroupBy },
): Promise<TaskListResult> {
  const { today } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const visibility = await resolveVisibility(deps.db, actor);
  const page = await taskPage(deps.db, {
    branches: taskFilterBranches(actor, query, today, visibility),
    cursor: query.cursor,
    limit: query.limit,
    today,
    drivingAccounts: drivingAccounts(visibility, query),
  });
  if (!query.groupBy) return page;
  return {
    ...page,
    groups: await countTaskGroups(
      deps.db,
      buildTaskFilter(actor, query, today, visibility),
      query.groupBy,
    ),
  };
}

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
  return taskPage(deps.db, {
    branches: byStatus(base, query.status),
    cursor: query.cursor,
    limit: query.limit,
    today,
  });
}
