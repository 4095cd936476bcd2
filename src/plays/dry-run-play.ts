import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { requireRole } from '../auth/access.ts';
import { compileCriteria, matchingIds } from '../segments/compile.ts';
import { workspaceToday } from '../segments/queries.ts';
import { queryRows } from '../segments/rows.ts';
import { loadPlay } from './queries.ts';
import { fireRun } from './engine/fire.ts';

/**
 * Which records would be affected now and what each action would do ("would_create",
 * "skipped_open_task", "would_update" …). Writes nothing but the dry-run run and its results.
 */
export async function dryRunPlay(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, id);
  const { today, now } = await workspaceToday(deps.db, actor.workspaceId, deps.clock);
  return deps.db.transaction(async (tx) => {
    const cond = await compileCriteria(tx, play.workspaceId, play.subject, play.criteria, { today, now });
    const targets = sql`select x.id as record_id from (${matchingIds(play.subject, play.workspaceId, cond)}) x`;
    const run = await fireRun({ deps, tx, play, targets, today, now, chain: [], dryRun: true, triggeredBy: actor.userId }, 'dry_run');
    const sample = await queryRows<{ record_id: string; account_id: string | null; action_id: string; result: string; detail: Record<string, unknown> }>(tx, sql`
      select record_id, account_id, action_id, result, detail from play_run_results where run_id = ${run.runId}::uuid order by id limit 200`);
    const byResult = await queryRows<{ action_id: string; result: string; n: number }>(tx, sql`
      select action_id, result, count(*)::int as n from play_run_results where run_id = ${run.runId}::uuid group by action_id, result order by action_id, result`);
    return {
      runId: run.runId, targets: run.targets, summary: byResult.map((r) => ({ actionId: r.action_id, result: r.result, count: r.n })),
      data: sample.map((r) => ({ recordId: r.record_id, accountId: r.account_id, actionId: r.action_id, result: r.result, detail: r.detail })),
    };
  });
}
