import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { requireRole } from '../auth/access.ts';
import { matchingIds } from '../segments/compile.ts';
import { queryRows } from '../db/rows.ts';
import { textArray } from '../db/arrays.ts';
import type { FallbackReason } from '../assignment/rule.ts';
import { loadPlay, runResultVisible } from './queries.ts';
import { fireRunFor } from './engine/fire.ts';
import { actionModule } from './actions/registry.ts';
import { loadEnv, playCondition } from './engine/env.ts';
import { dryRunJourneys } from './journeys/dry-run-journey.ts';

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
    // Counts cover every record; ids and names only those the caller may see.
    const visible = runResultVisible(actor, {
      recordId: sql`r.record_id`,
      accountId: sql`r.account_id`,
    });
    const run = await fireRunFor(
      { deps, tx, play, env, chain: [], dryRun: true, triggeredBy: actor.userId },
      targets,
      'dry_run',
      // What each action would do, in words, kept with the run (GET …/runs shows it).
      {
        actions: Object.fromEntries(
          play.actions.map((a) => [a.id, actionModule(a.type).describeDryRun(a)]),
        ),
      },
    );
    // A play with steps: each record's path through them, now (issue 11).
    const journeys = play.steps?.length
      ? await dryRunJourneys(
          { deps, tx, play, env, runId: run.runId, fire: fireRunFor },
          actor,
          targets,
        )
      : null;
    // Per record (in the order the run met them), each record's results in action order.
    const order = textArray(play.actions.map((a) => a.id));
    const sample = await queryRows<{
      record_id: string;
      account_id: string | null;
      action_id: string;
      position: number;
      result: string;
      detail: Record<string, unknown>;
      record_name: string | null;
      account_name: string | null;
      assignee_name: string | null;
    }>(
      tx,
      sql`
      select r.record_id, r.account_id, r.action_id, array_position(${order}, r.action_id) as position, r.result, r.detail,
        a.name as account_name, u.name as assignee_name,
        coalesce(nullif(trim(c.first_name || ' ' || c.last_name), ''), ra.name, a.name) as record_name
      from play_run_results r left join accounts a on a.id = r.account_id left join contacts c on c.id = r.record_id
        left join accounts ra on ra.id = r.record_id
        left join users u on u.id = (r.detail->>'assigneeUserId')::uuid and u.workspace_id = ${play.workspaceId}::uuid
      where r.run_id = ${run.runId}::uuid and ${visible}
      order by min(r.id) over (partition by r.record_id), array_position(${order}, r.action_id), r.id limit 200`,
    );
    const [hidden] = await queryRows<{ n: number }>(
      tx,
      sql`
      select count(distinct r.record_id)::int as n from play_run_results r where r.run_id = ${run.runId}::uuid and not ${visible}`,
    );
    const byResult = await queryRows<{ action_id: string; result: string; n: number }>(
      tx,
      sql`
      select action_id, result, count(*)::int as n from play_run_results where run_id = ${run.runId}::uuid group by action_id, result order by action_id, result`,
    );
    return {
      runId: run.runId,
      targets: run.targets,
      hiddenRecords: journeys ? journeys.hidden : (hidden?.n ?? 0),
      summary: byResult.map((r) => ({ actionId: r.action_id, result: r.result, count: r.n })),
      data: sample.map((r) => ({
        recordId: r.record_id,
        recordName: r.record_name,
        accountId: r.account_id,
        accountName: r.account_name,
        actionId: r.action_id,
        position: r.position,
        result: r.result,
        task: dryRunTask(r.detail, r.assignee_name),
        detail: r.detail,
      })),
      journeys: journeys?.records ?? null,
    };
  });
}

/** The task a task-creating action would make for this record: title, due date, assignee and why it fell back. */
function dryRunTask(detail: Record<string, unknown>, assigneeName: string | null) {
  if (typeof detail.title !== 'string') return null;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    title: detail.title,
    dueDate: text(detail.dueDate),
    assigneeUserId: text(detail.assigneeUserId),
    assigneeName,
    fallbackReason: text(detail.fallbackReason) as FallbackReason | null,
  };
}
