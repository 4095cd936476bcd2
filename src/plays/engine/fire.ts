import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { plays } from '../../db/schema/index.ts';
import { queryRows } from '../../segments/rows.ts';
import { asPlay } from '../queries.ts';
import type { Action } from '../schema.ts';
import { createTasks } from './create-tasks.ts';
import { changeTag, emailContacts, fireWebhook, notifyTeam, updateInformation } from './other-actions.ts';
import { targetAccounts } from './targets.ts';
import { finishRun, startRun } from './runs.ts';
import { MAX_CHAIN_DEPTH, noCounts, type ActionCounts, type FireCtx } from './context.ts';

export type FireSummary = ActionCounts & { targets: number };

/**
 * Runs every action of the play, in order, for the targets, inside the caller's transaction. Each
 * action runs in a savepoint: a failing action is recorded as an error and the others still run.
 */
export async function fireActions(ctx: FireCtx): Promise<FireSummary> {
  const [n] = await queryRows<{ n: number }>(ctx.tx, sql`select count(*)::int as n from (${ctx.targets}) x`);
  const total: FireSummary = { ...noCounts(), targets: n?.n ?? 0 };
  if (total.targets === 0) return total;
  if (!ctx.dryRun) {
    await ctx.tx.execute(sql`insert into timeline_events (workspace_id, account_id, type, payload, created_at)
      select ${ctx.play.workspaceId}::uuid, t.account_id, 'play_fired', ${JSON.stringify({ playId: ctx.play.id, playName: ctx.play.name, runId: ctx.runId })}::jsonb, ${ctx.now}
      from (${targetAccounts(ctx.play, ctx.targets)}) t`);
  }
  for (const action of ctx.play.actions) {
    try {
      const c = await ctx.tx.transaction((sp) => runAction({ ...ctx, tx: sp }, action));
      total.created += c.created; total.skipped += c.skipped; total.errors += c.errors; total.other += c.other;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await ctx.tx.execute(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
        select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, x.record_id, null, ${action.id}, 'error', ${JSON.stringify({ message: message.slice(0, 500) })}::jsonb, ${ctx.now}
        from (${ctx.targets}) x`);
      total.errors += total.targets;
    }
  }
  return total;
}

function runAction(ctx: FireCtx, action: Action): Promise<ActionCounts> {
  switch (action.type) {
    case 'create_task': case 'request_information': return createTasks(ctx, action);
    case 'update_information': return updateInformation(ctx, action);
    case 'add_tag': case 'remove_tag': return changeTag(ctx, action);
    case 'celebrate': case 'notify': return notifyTeam(ctx, action);
    case 'webhook': return fireWebhook(ctx, action);
    case 'send_email': return emailContacts(ctx, action);
    case 'enroll': return enroll(ctx, action.playId, action.id);
  }
}

/** Starts a run, fires, finishes the run: the unit every trigger uses. */
export async function fireRun(ctx: Omit<FireCtx, 'runId'> & { runId?: string }, kind: Parameters<typeof startRun>[2], detail: Record<string, unknown> = {}): Promise<FireSummary & { runId: string }> {
  const runId = ctx.runId ?? randomUUID();
  await startRun(ctx.tx, ctx.play, kind, { id: runId, now: ctx.now, triggeredBy: ctx.triggeredBy, detail: { ...detail, chain: ctx.chain } });
  const summary = await fireActions({ ...ctx, runId });
  await finishRun(ctx.tx, runId, { targets: summary.targets, created: summary.created, skipped: summary.skipped, errors: summary.errors, other: summary.other }, ctx.now);
  return { ...summary, runId };
}

/**
 * Enroll: fire another enabled play's actions for the same records (contacts map to their accounts
 * for account plays). A play already in this chain, or a chain that is too deep, is not fired.
 */
async function enroll(ctx: FireCtx, playId: string, actionId: string): Promise<ActionCounts> {
  const [row] = await ctx.tx.select().from(plays).where(and(eq(plays.id, playId), eq(plays.workspaceId, ctx.play.workspaceId)));
  const chain = [...ctx.chain, ctx.play.id];
  const skip = !row || row.status !== 'enabled' ? 'play_not_enabled' : chain.includes(playId) ? 'loop' : chain.length >= MAX_CHAIN_DEPTH ? 'chain_too_deep' : null;
  const target = row ? asPlay(row) : null;
  if (!skip && target && target.subject !== ctx.play.subject && target.subject === 'contacts') return { ...noCounts(), skipped: 1 };
  const targets = target && target.subject !== ctx.play.subject ? sql`select distinct account_id as record_id from (${targetAccounts(ctx.play, ctx.targets)}) t` : ctx.targets;
  const rows = await queryRows(ctx.tx, sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
    select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, x.record_id, null, ${actionId}, ${skip ? 'skipped' : 'enrolled'}, ${JSON.stringify({ playId, reason: skip })}::jsonb, ${ctx.now}
    from (${ctx.targets}) x returning 1`);
  if (skip || !target || ctx.dryRun) return { ...noCounts(), other: rows.length };
  await fireRun({ ...ctx, play: target, targets, chain }, 'enroll', { fromPlayId: ctx.play.id });
  return { ...noCounts(), other: rows.length };
}
