// Per-record results of an action (play_run_results), written set-based for a chunk of targets.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/rows.ts';
import { noCounts, type ActionCounts, type FireCtx } from '../engine/context.ts';

/** Counts from a statement that answers one row `{ n }` (see resultsFrom). */
export const count = (
  rows: Array<{ n: number }>,
  key: keyof ActionCounts = 'other',
): ActionCounts => ({
  ...noCounts(),
  [key]: rows[0]?.n ?? 0,
});

/** The origin of the change events a play's own write records: the chain stops loops between plays. */
export const playOrigin = (ctx: FireCtx) => ({
  cause: 'play' as const,
  playId: ctx.play.id,
  chain: [...ctx.chain, ctx.play.id],
});

/** One result row per target, all alike (dry runs and actions with nothing to write per row). */
export async function resultForEach(
  ctx: FireCtx,
  actionId: string,
  result: string,
  detail: string,
) {
  return queryRows<{ n: number }>(
    ctx.tx,
    sql`with ${resultsFrom(sql`
    insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
    select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, x.record_id, ${ctx.play.subject === 'accounts' ? sql`x.record_id` : sql`(select c.account_id from contacts c where c.id = x.record_id)`},
      ${actionId}, ${result}, ${detail}::jsonb, ${ctx.now} from (${ctx.targets}) x`)}`,
  );
}

/** The results insert as the last CTE of a statement, answering with ONE row (its count) instead of one row per record. */
export function resultsFrom(insert: SQL): SQL {
  return sql`rr as (${insert} returning 1) select count(*)::int as n from rr`;
}

export type ResultRow = {
  record_id: string;
  account_id: string | null;
  result: string;
  detail: Record<string, unknown>;
};

/** Per-record results computed in code, written with one JSON parameter per 5,000 rows. */
export async function insertResults(ctx: FireCtx, actionId: string, list: ResultRow[]) {
  for (let i = 0; i < list.length; i += 5000) {
    await ctx.tx
      .execute(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
      select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, r.record_id, r.account_id, ${actionId}, r.result, r.detail, ${ctx.now}
      from jsonb_to_recordset(${JSON.stringify(list.slice(i, i + 5000))}::jsonb) as r(record_id uuid, account_id uuid, result text, detail jsonb)`);
  }
}
