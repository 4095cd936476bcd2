import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/rows.ts';
import type { ActionCounts, FireCtx } from '../../engine/context.ts';
import { changePayloadJson, insertChangeEventsSql } from '../../../events/payload-sql.ts';
import { count, playOrigin, resultForEach, resultsFrom } from '../results.ts';
import type { TagAction } from './schema.ts';

/** Adds or removes a tag on the targets (accounts or contacts); unchanged records are left alone. */
export async function changeTag(ctx: FireCtx, action: TagAction): Promise<ActionCounts> {
  const detail = JSON.stringify({ tag: action.tag, op: action.type });
  if (ctx.dryRun) return count(await resultForEach(ctx, action.id, 'would_update', detail));
  const table = ctx.play.subject === 'accounts' ? sql.raw('accounts') : sql.raw('contacts');
  const accountOf = ctx.play.subject === 'accounts' ? sql`u.id` : sql`u.account_id`;
  const add = action.type === 'add_tag';
  const type = ctx.play.subject === 'accounts' ? 'account.updated' : 'contact.updated';
  const rows = await queryRows<{ n: number }>(
    ctx.tx,
    sql`
    with u as (update ${table} r set tags = ${add ? sql`array_append(r.tags, ${action.tag}::text)` : sql`array_remove(r.tags, ${action.tag}::text)`},
        version = r.version + 1, updated_at = ${ctx.now}
      where r.workspace_id = ${ctx.play.workspaceId}::uuid and r.id in (select record_id from (${ctx.targets}) x)
        and ${add ? sql`not` : sql``} (${action.tag}::text = any(r.tags)) returning r.*),
    ce as (${insertChangeEventsSql(type, {
      workspaceId: ctx.play.workspaceId,
      entityId: sql`u.id`,
      accountId: accountOf,
      payload: changePayloadJson(type, {
        ...playOrigin(ctx),
        changed: ['tags'],
        tags: [action.tag],
      }),
      at: ctx.now,
      rows: sql`from u`,
    })})
    , ${resultsFrom(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
      select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, u.id, ${accountOf}, ${action.id}, 'tagged', ${detail}::jsonb, ${ctx.now} from u`)}`,
  );
  return count(rows);
}
