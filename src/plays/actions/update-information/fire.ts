import { sql } from 'drizzle-orm';
import { addDays } from '../../../workspaces/dates.ts';
import { queryRows } from '../../../db/rows.ts';
import { timelinePayloadSql } from '../../../timeline/payload-sql.ts';
import type { ActionCounts, FireCtx } from '../../engine/context.ts';
import { chainPayload, count, resultForEach, resultsFrom } from '../results.ts';
import type { UpdateInformationAction } from './schema.ts';

/** Sets/clears attributes on every target in one UPDATE; writes outbox events so other plays can react. */
export async function updateInformation(
  ctx: FireCtx,
  action: UpdateInformationAction,
): Promise<ActionCounts> {
  const set: Record<string, unknown> = {};
  const clear: string[] = [];
  for (const s of action.set) {
    if (s.clear) clear.push(s.key);
    else if (s.triggerDateOffsetDays !== undefined)
      set[s.key] = addDays(ctx.today, s.triggerDateOffsetDays);
    else set[s.key] = s.value;
  }
  const detail = JSON.stringify({ set, cleared: clear });
  if (ctx.dryRun) return count(await resultForEach(ctx, action.id, 'would_update', detail));
  const table = ctx.play.subject === 'accounts' ? sql.raw('accounts') : sql.raw('contacts');
  const accountOf = ctx.play.subject === 'accounts' ? sql`u.id` : sql`u.account_id`;
  const clearArr = `{${clear.map((k) => `"${k.replace(/["\\]/g, '')}"`).join(',')}}`;
  const contact = ctx.play.subject === 'contacts';
  // One entry per attribute that really changed, with its old value (the `old` CTE sees the rows before the update).
  const changed = timelinePayloadSql('attribute_changed', {
    key: sql`k.key`,
    from: sql`o.attributes -> k.key`,
    to: sql`u.attributes -> k.key`,
    entity: sql`${contact ? 'contact' : 'account'}::text`,
    ...(contact
      ? { contactId: sql`u.id::text`, contactName: sql`btrim(u.first_name || ' ' || u.last_name)` }
      : {}),
    playId: sql`${ctx.play.id}::text`,
    playName: sql`${ctx.play.name}::text`,
  });
  const rows = await queryRows<{ n: number }>(
    ctx.tx,
    sql`
    with old as (select r.id, r.attributes from ${table} r
      where r.workspace_id = ${ctx.play.workspaceId}::uuid and r.id in (select record_id from (${ctx.targets}) x)),
    u as (update ${table} r set attributes = (r.attributes || ${JSON.stringify(set)}::jsonb) - ${clearArr}::text[], version = r.version + 1, updated_at = ${ctx.now}
      where r.workspace_id = ${ctx.play.workspaceId}::uuid and r.id in (select record_id from (${ctx.targets}) x) returning r.*),
    ce as (insert into change_events (workspace_id, entity, entity_id, account_id, kind, payload, created_at)
      select ${ctx.play.workspaceId}::uuid, ${ctx.play.subject === 'accounts' ? 'account' : 'contact'}, u.id, ${accountOf}, 'updated', ${chainPayload(ctx, { keys: [...Object.keys(set), ...clear] })}::jsonb, ${ctx.now} from u),
    tl as (insert into timeline_events (workspace_id, account_id, type, payload, created_at)
      select ${ctx.play.workspaceId}::uuid, ${accountOf}, 'attribute_changed', ${changed}, ${ctx.now}
      from u join old o on o.id = u.id cross join jsonb_array_elements_text(${JSON.stringify([...Object.keys(set), ...clear])}::jsonb) as k(key)
      where (o.attributes -> k.key) is distinct from (u.attributes -> k.key))
    , ${resultsFrom(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
      select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, u.id, ${accountOf}, ${action.id}, 'updated', ${detail}::jsonb, ${ctx.now} from u`)}`,
  );
  return count(rows);
}
