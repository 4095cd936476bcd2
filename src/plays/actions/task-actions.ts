// Firing of the task-creating kinds (create task, request information): the engine's one task
// writer, plus the hierarchy rule that a qualifying account without a parent is recorded, not lost.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.ts';
import { timelinePayloadJson } from '../../timeline/payload-sql.ts';
import { createTasks } from '../engine/create-tasks.ts';
import type { ActionCounts, FireCtx } from '../engine/context.ts';
import type { CreateTaskAction } from './create-task/schema.ts';
import type { RequestInfoAction } from './request-information/schema.ts';

export async function fireTaskAction(
  ctx: FireCtx,
  action: CreateTaskAction | RequestInfoAction,
): Promise<ActionCounts> {
  const counts = await createTasks(ctx, action);
  return ctx.play.subject === 'accounts' && ctx.play.options.hierarchy
    ? { ...counts, skipped: counts.skipped + (await skipParentless(ctx, action.id)) }
    : counts;
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
