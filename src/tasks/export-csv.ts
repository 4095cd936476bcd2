import type { Actor, Deps } from '../context.ts';
import { drivingAccounts } from './list-tasks.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import { resolveVisibility, taskFilterBranches, type TaskFilters } from './task-filter.ts';
import { allTaskRows } from './task-page.ts';
import { toTaskItem } from './task-view.ts';

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

const header = [
  'id',
  'title',
  'account',
  'account_id',
  'assignee',
  'assignee_type',
  'due_date',
  'priority',
  'status',
  'overdue',
  'outcome',
  'flow',
  'source',
  'play_id',
  'fallback_reason',
  'created_at',
  'completed_at',
];

/**
 * The filtered task list as CSV lines, read in keyset chunks so a large export never holds more
 * than one chunk in memory (and never holds a transaction open on PGlite).
 */
export async function* exportTasksCsv(
  deps: Deps,
  actor: Actor,
  filters: TaskFilters,
): AsyncGenerator<string> {
  const { today } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const visibility = await resolveVisibility(deps.db, actor);
  yield csvRow(header);
  const chunks = allTaskRows(deps.db, {
    branches: taskFilterBranches(actor, filters, today, visibility),
    drivingAccounts: drivingAccounts(visibility, filters),
  });
  for await (const rows of chunks) {
    let out = '';
    for (const r of rows) {
      const t = toTaskItem(r, today);
      out += csvRow([
        t.id,
        t.title,
        t.account.name,
        t.account.id,
        t.assignee.name,
        t.assignee.type,
        t.dueDate,
        t.priority,
        t.status,
        t.overdue ? 'yes' : 'no',
        t.outcome,
        t.flow.name,
        t.source,
        t.playId,
        t.fallbackReason,
        t.createdAt,
        t.completedAt,
      ]);
    }
    yield out;
  }
}
