import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { taskPage } from '../tasks/task-page.ts';
import { metricCondition, scopeTasks, sliceCondition } from './conditions.ts';
import type { FocusMetric, FocusSlice } from './schema.ts';
import { resolveScope } from './scope.ts';

export type FocusTasksInput = FocusSlice & { teamId?: string; days: number; metric: FocusMetric; cursor?: string; limit: number };

/** The statuses a metric can hold: one ordered branch each, the way the task lists page. */
const statusesOf: Record<FocusMetric, Array<'open' | 'completed'>> = {
  created: ['open', 'completed'], completed: ['completed'], completed_on_time: ['completed'], overdue: ['open'], open: ['open'],
};

/**
 * Drill-down behind one number of the Work-focus report: the tasks it counted, in work order, as
 * items of the tasks collection. Same scope and metric conditions as the counts, so they always agree.
 */
export async function listFocusTasks(deps: Deps, actor: Actor, input: FocusTasksInput) {
  const scope = await resolveScope(deps, actor, input);
  const base = and(scopeTasks(actor, scope), sql`(${metricCondition(input.metric, scope)})`, sliceCondition(input))!;
  const branches = statusesOf[input.metric].map((s) => and(base, eq(tasks.status, s))!);
  return taskPage(deps.db, { branches, cursor: input.cursor, limit: input.limit, today: scope.today });
}
