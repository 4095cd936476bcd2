import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { accounts, tasks } from '../db/schema/index.ts';
import { queryRows } from '../db/rows.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { metricCondition, scopeTasks, sliceCondition } from './conditions.ts';
import type { FocusSlice } from './schema.ts';
import { resolveScope } from './scope.ts';

// Sort key of the last account served: overdue count (descending), oldest due date, account id.
const cursorShape = z.tuple([
  z.number().int().min(0),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.uuid(),
]);

type Row = { id: string; name: string; overdue: number; oldest: string };

/**
 * The scope's accounts with overdue tasks, most overdue first (then the longest overdue), each with
 * its count of overdue tasks: the drill-down behind "overdue now".
 */
export async function listOverdueAccounts(
  deps: Deps,
  actor: Actor,
  input: FocusSlice & { teamId?: string; cursor?: string; limit: number },
) {
  const scope = await resolveScope(deps, actor, input);
  const after = decodeCursor(input.cursor, cursorShape);
  const slice = sliceCondition(input);
  // Counted per account on the tasks index alone; account names are joined for the page only.
  const rows = await queryRows<Row>(
    deps.db,
    sql`
    with o as (
      select ${tasks.accountId} as account_id, count(*)::int as n, min(${tasks.dueDate}) as oldest from ${tasks}
      where ${scopeTasks(actor, scope)} and ${metricCondition('overdue', scope)} ${slice ? sql`and ${slice}` : sql``}
      group by ${tasks.accountId}
    ), p as (
      select * from o
      ${after ? sql`where o.n < ${after[0]} or (o.n = ${after[0]} and (o.oldest, o.account_id) > (${after[1]}::date, ${after[2]}::uuid))` : sql``}
      order by o.n desc, o.oldest, o.account_id limit ${input.limit + 1}
    )
    select p.account_id as id, ${accounts.name} as name, p.n as overdue, to_char(p.oldest, 'YYYY-MM-DD') as oldest
    from p join ${accounts} on ${accounts.id} = p.account_id and ${accounts.workspaceId} = ${scope.workspaceId}::uuid
    order by p.n desc, p.oldest, p.account_id`,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      account: { id: r.id, name: r.name },
      overdue: r.overdue,
      oldestDueDate: r.oldest,
    })),
    nextCursor:
      rows.length > input.limit && last ? encodeCursor([last.overdue, last.oldest, last.id]) : null,
  };
}
