import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { accountVisible, loadVisibleAccount } from '../auth/access.ts';
import { countTaskGroups, type GroupBy, type TaskGroup } from './count-groups.ts';
import { workspaceContext } from './queries.ts';
import type { TaskItem } from './schema.ts';
import { buildTaskFilter, type TaskFilters } from './task-filter.ts';
import { taskPage } from './task-page.ts';

type Page = { cursor?: string; limit: number };
export type TaskListResult = { data: TaskItem[]; nextCursor: string | null; groups?: TaskGroup[] };

/** The tasks collection (SPEC §2): filtered, in work order, with counts per group over the whole filtered set. */
export async function listTasks(deps: Deps, actor: Actor, query: TaskFilters & Page & { groupBy?: GroupBy }): Promise<TaskListResult> {
  const { today } = await workspaceContext(deps.db, actor.workspaceId, deps.clock.now());
  const where = buildTaskFilter(actor, query, today);
  const page = await taskPage(deps.db, where, { cursor: query.cursor, limit: query.limit, today });
  if (!query.groupBy) return page;
  return { ...page, groups: await countTaskGroups(deps.db, where, query.groupBy) };
}

const statusIn = (status: 'open' | 'completed' | 'all') =>
  status === 'all' ? inArray(tasks.status, ['open', 'completed']) : eq(tasks.status, status);

/** My Portfolio → Work: tasks assigned to the caller (served by tasks_assignee_order_idx). */
export async function listMyWork(deps: Deps, actor: Actor, query: Page & { status: 'open' | 'completed' | 'all' }) {
  const { today } = await workspaceContext(deps.db, actor.workspaceId, deps.clock.now());
  const where = and(eq(tasks.workspaceId, actor.workspaceId), eq(tasks.assigneeUserId, actor.userId), statusIn(query.status),
    accountVisible(actor, tasks.accountId))!;
  return taskPage(deps.db, where, { ...query, today });
}

/** Account → Work: every task on one visible account (served by tasks_account_order_idx). */
export async function listAccountWork(deps: Deps, actor: Actor, accountId: string, query: Page & { status: 'open' | 'completed' | 'all' }) {
  const account = await loadVisibleAccount(deps.db, actor, accountId);
  const { today } = await workspaceContext(deps.db, actor.workspaceId, deps.clock.now());
  const where = and(eq(tasks.accountId, account.id), eq(tasks.workspaceId, actor.workspaceId), statusIn(query.status))!;
  return taskPage(deps.db, where, { ...query, today });
}
