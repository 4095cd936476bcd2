import { randomUUID } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { plays } from '../../db/schema/index.ts';
import { asPlay } from '../queries.ts';
import type { Action } from '../schema.ts';
import { createTasks } from './create-tasks.ts';
import {
  changeTag,
  emailContacts,
  fireWebhook,
  notifyTeam,
  updateInformation,
} from './other-actions.ts';
import { collectIds, idsSubquery, targetAccounts } from './targets.ts';
import { finishRun, startRun } from './runs.ts';
import { describeError, isTransient } from './errors.ts';
import { queryRows } from '../../db/rows.ts';
import { timelinePayloadJson } from '../../timeline/payload-sql.ts';
import {
  chunkSize,
  MAX_CHAIN_DEPTH,
  noCounts,
  type ActionCounts,
  type FireBase,
  type FireCtx,
} from './context.ts';

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
  await startRun(base.tx, base.play, kind, {
    id: runId,
    now: base.env.now,
    triggeredBy: base.triggeredBy,
    detail: { ...detail, chain: base.chain },
  });
  const total: FireSummary = { ...noCounts(), targets: ids.length };
  const size = chunkSize(base.deps.dbKind);
  const timelineAction =
    base.play.actions.find((a) => a.type === 'create_task' || a.type === 'request_information')
      ?.id ?? null;
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
      }),
    );
  }
  await finishRun(base.tx, runId, total, base.env.now);
  return { ...total, runId };
}

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
      add(total, await ctx.tx.transaction((sp) => runAction({ ...ctx, tx: sp }, action)));
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

async function runAction(ctx: FireCtx, action: Action): Promise<ActionCounts> {
  switch (action.type) {
    case 'create_task':
    case 'request_information': {
      const counts = await createTasks(ctx, action);
      return ctx.play.subject === 'accounts' && ctx.play.options.hierarchy
        ? { ...counts, skipped: counts.skipped + (await skipParentless(ctx, action.id)) }
        : counts;
    }
    case 'update_information':
      return updateInformation(ctx, action);
    case 'add_tag':
    case 'remove_tag':
      return changeTag(ctx, action);
    case 'celebrate':
    case 'notify':
      return notifyTeam(ctx, action);
    case 'webhook':
      return fireWebhook(ctx, action);
    case 'send_email':
      return emailContacts(ctx, action);
    case 'enroll':
      return enroll(ctx, action.playId, action.id);
  }
}

/**
 * Hierarchy plays put tasks on the immediate parent: a qualifying account without one gets the
 * per-record result "skipped — no parent account" (and its timeline entry) instead of vanishing from the run (SPEC §5).
 */
async function skipParentless(ctx: FireCtx, actionId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`with rr as (
      insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
      select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, x.record_id, a.id, ${actionId}, 'skipped', ${JSON.stringify({ reason: 'no_parent_account' })}::jsonb, ${ctx.now}
      from (${ctx.targets}) x join accounts a on a.id = x.record_id and a.workspace_id = ${ctx.play.workspaceId}::uuid where a.parent_id is null
      returning record_id)
    ${
      ctx.dryRun || ctx.timelineAction !== actionId
        ? sql``
        : sql`, pf as (insert into timeline_events (workspace_id, account_id, type, payload, created_at)
      select ${ctx.play.workspaceId}::uuid, rr.record_id, 'play_fired', ${timelinePayloadJson('play_fired', { playId: ctx.play.id, playName: ctx.play.name, runId: ctx.runId })}, ${ctx.now} from rr)`
    }
    select count(*)::int as n from rr`,
  );
  return row?.n ?? 0;
}

/**
 * Enroll: fire another enabled play's actions for the same records (contacts map to their accounts
 * for account plays). A play already in this chain, a chain that is too deep, or a contact play enrolled from an
 * account play is not fired: each target is recorded "skipped" with the reason.
 */
async function enroll(ctx: FireCtx, playId: string, actionId: string): Promise<ActionCounts> {
  const [row] = await ctx.tx
    .select()
    .from(plays)
    .where(and(eq(plays.id, playId), eq(plays.workspaceId, ctx.play.workspaceId)));
  const chain = [...ctx.chain, ctx.play.id];
  const target = row ? asPlay(row) : null;
  // Every target gets a result, also when nothing is fired (an account play cannot choose contacts for a contact play).
  const skip =
    !target || target.status !== 'enabled'
      ? 'play_not_enabled'
      : chain.includes(playId)
        ? 'loop'
        : chain.length >= MAX_CHAIN_DEPTH
          ? 'chain_too_deep'
          : target.subject === 'contacts' && ctx.play.subject !== 'contacts'
            ? 'contact_play_from_account_play'
            : null;
  await ctx.tx
    .execute(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
    select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, x.record_id, null, ${actionId}, ${skip ? 'skipped' : 'enrolled'}, ${JSON.stringify({ playId, reason: skip })}::jsonb, ${ctx.now}
    from (${ctx.targets}) x`);
  if (skip || !target) return { ...noCounts(), skipped: ctx.count };
  if (ctx.dryRun) return { ...noCounts(), other: ctx.count };
  const targets =
    target.subject !== ctx.play.subject
      ? sql`select account_id as record_id from (${targetAccounts(ctx.play, ctx.targets)}) t`
      : ctx.targets;
  await fireRunFor(
    {
      deps: ctx.deps,
      tx: ctx.tx,
      play: target,
      env: ctx.env,
      chain,
      dryRun: false,
      triggeredBy: ctx.triggeredBy,
    },
    targets,
    'enroll',
    { fromPlayId: ctx.play.id },
  );
  return { ...noCounts(), other: ctx.count };
}
