import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { requireRole } from '../auth/access.ts';
import { matchingIds } from '../segments/compile.ts';
import { queryRows } from '../segments/rows.ts';
import { loadPlay } from './queries.ts';
import { fireRunFor } from './engine/fire.ts';
import { loadEnv, playCondition } from './engine/env.ts';

/**
 * Which records would be affected now and what each action would do ("would_create",
 * "skipped_open_task", "would_update" …). Writes nothing but the dry-run run and its results.
 */
export async function dryRunPlay(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, id);
  return deps.db.transaction(async (tx) => {
    const env = await loadEnv(tx, actor.workspaceId, deps.clock);
    const cond = await playCondition(tx, env, play, 'criteria');
    const targets = sql`select x.id as record_id from (${matchingIds(play.subject, play.workspaceId, cond)}) x`;
    const run = await fireRunFor({ deps, tx, play, env, chain: [], dryRun: true, triggeredBy: actor.userId }, targets, 'dry_run');
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
