import { and } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { workspaceContext } from './queries.ts';
import { buildTaskFilter, type TaskFilters } from './task-filter.ts';
import { afterCursor, cursorOf, workOrder } from './task-page.ts';
import { selectTaskItems, toTaskItem } from './task-view.ts';

/**
 * One CSV cell: a spreadsheet would run text starting with = + - @ tab or CR as a formula, so such
 * cells get a leading quote; cells with separators, quotes or line breaks are quoted.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

const header = ['id', 'title', 'account', 'account_id', 'assignee', 'assignee_type', 'due_date', 'priority', 'status', 'overdue',
  'outcome', 'flow', 'source', 'play_id', 'fallback_reason', 'created_at', 'completed_at'];

/**
 * The filtered task list as CSV lines, read in keyset chunks so a large export never holds more
 * than one chunk in memory (and never holds a transaction open on PGlite).
 */
export async function* exportTasksCsv(deps: Deps, actor: Actor, filters: TaskFilters, chunk = 2000): AsyncGenerator<string> {
  const { today } = await workspaceContext(deps.db, actor.workspaceId, deps.clock.now());
  const where = buildTaskFilter(actor, filters, today);
  yield csvRow(header);
  let cursor: string | undefined;
  for (;;) {
    const rows = await selectTaskItems(deps.db).where(and(where, afterCursor(cursor))).orderBy(...workOrder).limit(chunk);
    let out = '';
    for (const r of rows) {
      const t = toTaskItem(r, today);
      out += csvRow([t.id, t.title, t.account.name, t.account.id, t.assignee.name, t.assignee.type, t.dueDate, t.priority, t.status,
        t.overdue ? 'yes' : 'no', t.outcome, t.flow.name, t.source, t.playId, t.fallbackReason, t.createdAt, t.completedAt]);
    }
    if (out) yield out;
    if (rows.length < chunk) return;
    cursor = cursorOf(rows.at(-1)!);
  }
}
