import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { accountVisible } from '../auth/access.ts';
import { queryRows } from '../db/rows.ts';
import { compileCriteria } from './compile.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { loadSegment } from './queries.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';

// [priority, due date, created_at as PostgreSQL prints it (microseconds), id]
const cursorShape = z.tuple([
  z.number().int(),
  cursorPart.date,
  cursorPart.pgTimestamp,
  cursorPart.id,
]);

const priorityName = { 1: 'high', 2: 'normal', 3: 'low' } as const;

/**
 * Segment → Work: open and/or completed tasks on the accounts of a segment (a contact segment
 * selects its contacts' accounts), in work order, with counts; only accounts the caller may see.
 */
export async function segmentWork(
  deps: Deps,
  actor: Actor,
  id: string,
  q: { status: 'open' | 'completed' | 'all'; limit: number; cursor?: string },
) {
  const seg = await loadSegment(deps.db, actor.workspaceId, id);
  const { today, now } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const cond = await compileCriteria(deps.db, actor.workspaceId, seg.subject, seg.criteria, {
    today,
    now,
    viewer: actor,
  });
  const inSegment =
    seg.subject === 'accounts'
      ? sql`t.account_id in (select a.id from accounts a where a.workspace_id = ${actor.workspaceId} and ${cond})`
      : sql`t.account_id in (select c.account_id from contacts c join accounts a on a.id = c.account_id where c.workspace_id = ${actor.workspaceId} and ${cond})`;
  const base = sql`t.workspace_id = ${actor.workspaceId} and t.status <> 'deleted' and ${inSegment} and ${accountVisible(actor, sql`t.account_id`)}`;
  const status = q.status === 'all' ? sql`true` : sql`t.status = ${q.status}`;
  const after = decodeCursor(q.cursor, cursorShape);
  const page = after
    ? sql`(t.priority, t.due_date, t.created_at, t.id) > (${after[0]}::smallint, ${after[1]}::date, ${after[2]}::timestamptz, ${after[3]}::uuid)`
    : sql`true`;
  const rows = await queryRows<Row>(
    deps.db,
    sql`
    select t.id, t.account_id, a.name as account_name, t.title, t.kind, t.status, t.due_date, t.priority, t.assignee_user_id,
      t.play_id, t.outcome, t.completed_at, t.created_at::text as created_ts, t.fallback_reason
    from tasks t join accounts a on a.id = t.account_id
    where ${base} and ${status} and ${page}
    order by t.priority, t.due_date, t.created_at, t.id limit ${q.limit + 1}`,
  );
  const [counts] = await queryRows<{ open: number; completed: number; overdue: number }>(
    deps.db,
    sql`
    select count(*) filter (where t.status = 'open')::int as open, count(*) filter (where t.status = 'completed')::int as completed,
      count(*) filter (where t.status = 'open' and t.due_date < ${today}::date)::int as overdue
    from tasks t where ${base}`,
  );
  const data = rows.slice(0, q.limit);
  const last = data[data.length - 1];
  return {
    data: data.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      accountName: r.account_name,
      title: r.title,
      kind: r.kind,
      status: r.status,
      dueDate: r.due_date,
      priority: priorityName[r.priority as 1 | 2 | 3],
      assigneeUserId: r.assignee_user_id,
      playId: r.play_id,
      outcome: r.outcome,
      overdue: r.status === 'open' && r.due_date < today,
      completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
      fallbackReason: r.fallback_reason,
    })),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor([last.priority, last.due_date, last.created_ts, last.id])
        : null,
    counts: {
      open: counts?.open ?? 0,
      completed: counts?.completed ?? 0,
      overdue: counts?.overdue ?? 0,
    },
  };
}

type Row = {
  id: string;
  account_id: string;
  account_name: string;
  title: string;
  kind: string;
  status: string;
  due_date: string;
  priority: number;
  assignee_user_id: string | null;
  play_id: string | null;
  outcome: string | null;
  completed_at: string | Date | null;
  created_ts: string;
  fallback_reason: string | null;
};
