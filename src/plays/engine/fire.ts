import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { actionModule } from '../actions/registry.ts';
import { collectIds, idsSubquery, targetAccounts } from './targets.ts';
import { finishRun, startRun } from './runs.ts';
import { describeError, isTransient } from './errors.ts';
import { timelinePayloadJson } from '../../timeline/payload-sql.ts';
import { chunkSize, noCounts, type ActionCounts, type FireBase, type FireCtx } from './context.ts';
import { enterJourneys, isJourneyPlay } from '../journeys/enter.ts';
import { queryRows } from '../../db/rows.ts';
import { uuidArray } from '../../db/arrays.ts';
import { HOLDOUT_ACTION_ID, heldOutSql } from '../holdout.ts';
import type { Play } from '../queries.ts';

export type FireSummary = ActionCounts & { targets: number };
type RunKind = Parameters<typeof startRun>[2];

const add = (total: ActionCounts, c: ActionCounts) => {
  total.created += c.created;
  total.wouldCreate += c.wouldCreate;
  total.skipped += c.skipped;
  total.errors += c.errors;
  total.other += c.other;
};

/**
 * Starts a run, fires every action for the target ids, finishes the run: the unit every trigger
 * uses. Targets are processed in chunks (one set-based statement per action and chunk), all
 * inside the caller's transaction.
 */
export async function fireRun(
  base: FireBase,
  ids: string[],
  kind: RunKind,
  detail: Record<string, unknown> = {},
  runId: string = randomUUID(),
): Promise<FireSummary & { runId: string }> {
  // A play with steps starts journeys instead (a dry run still describes its top-level actions).
  if (isJourneyPlay(base.play) && !base.dryRun)
    return enterJourneys(base, ids, kind, detail, runId, fireRunFor);
  await startRun(base.tx, base.play, kind, {
    id: runId,
    now: base.env.now,
    triggeredBy: base.triggeredBy,
    detail: { ...detail, chain: base.chain },
  });
  const total: FireSummary = { ...noCounts(), targets: ids.length };
  // Held-out records count as skipped (one per record): they entered, and got no action on purpose.
  const held = await holdOut(base, ids, kind, runId);
  total.skipped += held.size;
  if (held.size > 0) ids = ids.filter((id) => !held.has(id));
  const size = chunkSize(base.deps.dbKind);
  const timelineAction =
    base.play.actions.find((a) => actionModule(a.type).createsTasks)?.id ?? null;
  for (let i = 0; i < ids.length; i += size) {
    const chunk = ids.slice(i, i + size);
    add(
      total,
      await fireChunk({
        ...base,
        runId,
        targets: idsSubquery(chunk),
        count: chunk.length,
        today: base.env.today,
        now: base.env.now,
        timelineAction,
        fireRunFor,
      }),
    );
  }
  await finishRun(
    base.tx,
    runId,
    total,
    base.env.now,
    held.size > 0 ? { heldOut: held.size } : undefined,
  );
  return { ...total, runId };
}

/**
 * Records the play's holdout among `ids` (heldOutSql, the rule journeys use too): one `held_out`
 * result each, no action and no timeline entry. A manual run is never held out: a person chose
 * those records. Dry runs record `would_hold_out`, so they show which records would be held out.
 */
async function holdOut(base: FireBase, ids: string[], kind: RunKind, runId: string) {
  const { play } = base;
  if (play.holdoutPercent <= 0 || kind === 'manual' || ids.length === 0) return new Set<string>();
  const rows = await queryRows<{ id: string }>(
    base.tx,
    sql`with x as (select distinct unnest(${uuidArray(ids)}) as id),
      h as (insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, created_at)
        select ${runId}::uuid, ${play.id}::uuid, x.id, ${recordAccount(play)}, ${HOLDOUT_ACTION_ID}, ${base.dryRun ? 'would_hold_out' : 'held_out'}, ${base.env.now}
        from x where ${heldOutSql(play, sql`x.id`)} returning record_id)
    select record_id as id from h`,
  );
  return new Set(rows.map((r) => r.id));
}

/** Re-exported for readers of run results (the journey dry run imports it from here). */
export { HOLDOUT_ACTION_ID };

const recordAccount = (play: Play) =>
  play.subject === 'accounts'
    ? sql`x.id`
    : sql`(select c.account_id from contacts c where c.id = x.id)`;

/** Fires for the records a subquery yields (manual, recurring, dry-run and task-completed triggers). */
export async function fireRunFor(
  base: FireBase,
  subquery: SQL,
  kind: RunKind,
  detail: Record<string, unknown> = {},
) {
  return fireRun(base, await collectIds(base.tx, subquery), kind, detail);
}

/**
 * Runs every action of the play, in order, for one chunk. Each action runs in a savepoint: a
 * failing action is recorded as an error and the others still run (a transient failure such as a
 * deadlock aborts instead, so the whole batch is retried). Every target's account gets one timeline
 * entry for the firing: its `task_created` row, or one `play_fired` row.
 */
async function fireChunk(ctx: FireCtx): Promise<ActionCounts> {
  const total = noCounts();
  let timelineDone = false;
  for (const action of ctx.play.actions) {
    try {
      const module = actionModule(action.type);
      add(total, await ctx.tx.transaction((sp) => module.fire({ ...ctx, tx: sp }, action)));
      if (action.id === ctx.timelineAction && !ctx.dryRun) timelineDone = true;
    } catch (err) {
      if (isTransient(err)) throw err;
      await ctx.tx
        .execute(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
        select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, x.record_id, null, ${action.id}, 'error', ${JSON.stringify({ message: describeError(err) })}::jsonb, ${ctx.now}
        from (${ctx.targets}) x`);
      total.errors += ctx.count;
    }
  }
  if (!ctx.dryRun && !timelineDone) {
    await ctx.tx
      .execute(sql`insert into timeline_events (workspace_id, account_id, type, payload, created_at)
      select ${ctx.play.workspaceId}::uuid, t.account_id, 'play_fired', ${timelinePayloadJson('play_fired', { playId: ctx.play.id, playName: ctx.play.name, runId: ctx.runId })}, ${ctx.now}
      from (${targetAccounts(ctx.play, ctx.targets)}) t`);
  }
  return total;
}
