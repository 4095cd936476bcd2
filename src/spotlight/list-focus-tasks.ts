import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { taskPage } from '../tasks/task-page.ts';
import { collectedPage } from './focus-page.ts';
import { metricCondition, scopeTasks, sliceCondition } from './conditions.ts';
import type { FocusMetric, FocusSlice } from './schema.ts';
import { resolveScope } from './scope.ts';

export type FocusTasksInput = FocusSlice & {
  teamId?: string;
  days: number;
  metric: FocusMetric;
  cursor?: string;
  limit: number;
};

/**
 * Drill-down behind one number of the Work-focus report: the tasks it counted, in work order, as
 * items of the tasks collection. Same scope and metric conditions as the counts, so they always agree.
 */
export async function listFocusTasks(deps: Deps, actor: Actor, input: FocusTasksInput) {
  const scope = await resolveScope(deps, actor, input);
  const where = and(
    scopeTasks(actor, scope),
    sql`(${metricCondition(input.metric, scope)})`,
    sliceCondition(input),
  )!;
  const page = { cursor: input.cursor, limit: input.limit, today: scope.today };
  // Open work leads the work order, so the tasks lists' ordered index walk fills a page at once.
  if (input.metric === 'open' || input.metric === 'overdue') {
    return taskPage(deps.db, { branches: [and(where, eq(tasks.status, 'open'))!], ...page });
  }
  return collectedPage(deps.db, where, page);
}
