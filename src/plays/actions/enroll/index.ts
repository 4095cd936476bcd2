// Enroll in another play (SPEC §5 action 6): fire that play's actions for the same records.
import { and, eq, sql } from 'drizzle-orm';
import { plays } from '../../../db/schema/index.ts';
import type { Play } from '../../queries.ts';
import {
  MAX_CHAIN_DEPTH,
  noCounts,
  type ActionCounts,
  type FireCtx,
} from '../../engine/context.ts';
import { targetAccounts } from '../../engine/targets.ts';
import type { ActionModule, ValidateCtx } from '../module.ts';
import { exists } from '../validate-helpers.ts';
import { enrollSchema, type EnrollAction } from './schema.ts';

async function validate(ctx: ValidateCtx, action: EnrollAction) {
  if (action.playId === ctx.selfId)
    ctx.problems.push({
      path: `${ctx.at}.playId`,
      message: 'A play cannot enroll records in itself.',
    });
  else
    await exists(
      ctx.deps.db,
      sql`select 1 from ${plays} where id = ${action.playId}::uuid and workspace_id = ${ctx.workspaceId}::uuid`,
      `${ctx.at}.playId`,
      'no such play',
      ctx.problems,
    );
  return action;
}

/**
 * Fires another enabled play's actions for the same records (contacts map to their accounts
 * for account plays). A play already in this chain, a chain that is too deep, or a contact play enrolled from an
 * account play is not fired: each target is recorded "skipped" with the reason.
 */
async function fire(ctx: FireCtx, action: EnrollAction): Promise<ActionCounts> {
  const { playId } = action;
  const [row] = await ctx.tx
    .select()
    .from(plays)
    .where(and(eq(plays.id, playId), eq(plays.workspaceId, ctx.play.workspaceId)));
  const chain = [...ctx.chain, ctx.play.id];
  const target = row ? (row as unknown as Play) : null; // validated when saved
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
    select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, x.record_id, null, ${action.id}, ${skip ? 'skipped' : 'enrolled'}, ${JSON.stringify({ playId, reason: skip })}::jsonb, ${ctx.now}
    from (${ctx.targets}) x`);
  if (skip || !target) return { ...noCounts(), skipped: ctx.count };
  if (ctx.dryRun) return { ...noCounts(), other: ctx.count };
  const targets =
    target.subject !== ctx.play.subject
      ? sql`select account_id as record_id from (${targetAccounts(ctx.play, ctx.targets)}) t`
      : ctx.targets;
  await ctx.fireRunFor(
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

export const enroll: ActionModule<EnrollAction> = {
  kind: 'enroll',
  types: ['enroll'],
  schema: enrollSchema,
  manual: false,
  createsTasks: false,
  validate,
  fire,
  describeDryRun: () => "fire the other play's actions for the same records",
  toPublic: (a) => a,
  timelineText: {},
};
