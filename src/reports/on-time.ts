// "On time", defined once for every report (play effectiveness, Team Spotlight).
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * The definition, as the API reference and the web app state it. SPEC §5 names "share of fired tasks
 * completed" and "share completed on time" as separate parts, so timeliness is judged among the
 * completed tasks: an open task lowers the completion share, never the on-time share.
 */
export const ON_TIME_RATE_DEFINITION =
  'Tasks completed on or before their due date (the workspace-local completion date) ÷ tasks completed; null when none was completed.';

/** SQL condition: the completed task was completed by its due date, judged on the workspace-local date. */
export function completedOnTime(
  completedAt: SQL | AnyColumn,
  dueDate: SQL | AnyColumn,
  timeZone: string | SQL,
): SQL {
  return sql`(${completedAt} at time zone ${timeZone}::text)::date <= ${dueDate}`;
}

/** The on-time rate from its two counts (see ON_TIME_RATE_DEFINITION). */
export const onTimeRate = (completedOnTimeCount: number, completedCount: number): number | null =>
  completedCount === 0 ? null : completedOnTimeCount / completedCount;
