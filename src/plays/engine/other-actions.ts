import { sql, type SQL } from 'drizzle-orm';
import { renderTemplate } from '../../templates/render.ts';
import { mergeContextFrom } from '../../templates/merge-fields.ts';
import { renderWebhookRequest } from '../../webhooks/render-request.ts';
import { enqueueWebhookDelivery, webhookDisabled } from '../../webhooks/enqueue-delivery.ts';
import type { StoredWebhook } from '../../webhooks/definition.ts';
import { addDays } from '../../workspaces/dates.ts';
import { queryRows } from '../../db/rows.ts';
import type { Action } from '../schema.ts';
import { targetAccounts } from './targets.ts';
import { noCounts, type ActionCounts, type FireCtx } from './context.ts';
import { timelinePayloadJson, timelinePayloadSql } from '../../timeline/payload-sql.ts';

const count = (rows: Array<{ n: number }>, key: keyof ActionCounts = 'other'): ActionCounts => ({
  ...noCounts(),
  [key]: rows[0]?.n ?? 0,
});
const chainPayload = (ctx: FireCtx, extra: Record<string, unknown>) =>
  JSON.stringify({
    cause: 'play',
    playId: ctx.play.id,
    chain: [...ctx.chain, ctx.play.id],
    ...extra,
  });

/** Sets/clears attributes on every target in one UPDATE; writes outbox events so other plays can react. */
export async function updateInformation(
  ctx: FireCtx,
  action: Extract<Action, { type: 'update_information' }>,
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
  if (ctx.dryRun) return count(await results(ctx, action.id, 'would_update', detail));
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

/** Adds or removes a tag on the targets (accounts or contacts); unchanged records are left alone. */
export async function changeTag(
  ctx: FireCtx,
  action: Extract<Action, { type: 'add_tag' | 'remove_tag' }>,
): Promise<ActionCounts> {
  const detail = JSON.stringify({ tag: action.tag, op: action.type });
  if (ctx.dryRun) return count(await results(ctx, action.id, 'would_update', detail));
  const table = ctx.play.subject === 'accounts' ? sql.raw('accounts') : sql.raw('contacts');
  const accountOf = ctx.play.subject === 'accounts' ? sql`u.id` : sql`u.account_id`;
  const add = action.type === 'add_tag';
  const rows = await queryRows<{ n: number }>(
    ctx.tx,
    sql`
    with u as (update ${table} r set tags = ${add ? sql`array_append(r.tags, ${action.tag}::text)` : sql`array_remove(r.tags, ${action.tag}::text)`},
        version = r.version + 1, updated_at = ${ctx.now}
      where r.workspace_id = ${ctx.play.workspaceId}::uuid and r.id in (select record_id from (${ctx.targets}) x)
        and ${add ? sql`not` : sql``} (${action.tag}::text = any(r.tags)) returning r.*),
    ce as (insert into change_events (workspace_id, entity, entity_id, account_id, kind, payload, created_at)
      select ${ctx.play.workspaceId}::uuid, ${ctx.play.subject === 'accounts' ? 'account' : 'contact'}, u.id, ${accountOf}, 'updated', ${chainPayload(ctx, { tags: [action.tag] })}::jsonb, ${ctx.now} from u)
    , ${resultsFrom(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
      select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, u.id, ${accountOf}, ${action.id}, 'tagged', ${detail}::jsonb, ${ctx.now} from u`)}`,
  );
  return count(rows);
}

/**
 * Celebrate / notify: an entry on each account's timeline and in the feed of every enabled user of
 * the account's teams; users who opted in get one e-mail per firing listing the accounts.
 */
export async function notifyTeam(
  ctx: FireCtx,
  action: Extract<Action, { type: 'celebrate' | 'notify' }>,
): Promise<ActionCounts> {
  const event = {
    message: action.message,
    style: action.style,
    playId: ctx.play.id,
    playName: ctx.play.name,
  };
  if (ctx.dryRun)
    return count(await results(ctx, action.id, 'would_notify', JSON.stringify(event)));
  const payload = timelinePayloadJson(action.type, event);
  const ws = ctx.play.workspaceId;
  const rows = await queryRows<{ n: number }>(
    ctx.tx,
    sql`
    with acc as materialized (${targetAccounts(ctx.play, ctx.targets)}),
    tl as (insert into timeline_events (workspace_id, account_id, type, payload, created_at)
      select ${ws}::uuid, acc.account_id, ${action.type}, ${payload}, ${ctx.now} from acc),
    feed as (insert into timeline_events (workspace_id, account_id, user_id, type, payload, created_at)
      select distinct ${ws}::uuid, acc.account_id, tm.user_id, ${action.type}, ${payload}, ${ctx.now}::timestamptz from acc
      join account_teams at on at.account_id = acc.account_id join team_members tm on tm.team_id = at.team_id join users u on u.id = tm.user_id and u.enabled)
    , ${resultsFrom(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
      select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, acc.account_id, acc.account_id, ${action.id}, 'notified', '{}'::jsonb, ${ctx.now} from acc`)}`,
  );
  const mails = await queryRows<{ email: string; names: string[] }>(
    ctx.tx,
    sql`
    select u.email, (array_agg(distinct a.name order by a.name))[1:20] as names
    from (${targetAccounts(ctx.play, ctx.targets)}) acc join accounts a on a.id = acc.account_id
    join account_teams at on at.account_id = acc.account_id join team_members tm on tm.team_id = at.team_id
    join users u on u.id = tm.user_id and u.enabled and u.email_notifications group by u.email`,
  );
  for (const m of mails) {
    await ctx.deps.mailer.enqueue(ctx.tx, {
      workspaceId: ws,
      to: m.email,
      kind: `play_${action.type}`,
      subject: `${action.type === 'celebrate' ? '🎉' : '⚠'} ${ctx.play.name}`,
      text: `${action.message}\n\nAccounts: ${m.names.join(', ')}`,
    });
  }
  return count(rows);
}

type TargetRow = {
  record_id: string;
  account_id: string;
  a_name: string;
  a_external_id: string;
  a_stage: string | null;
  a_type: string;
  a_attrs: Record<string, unknown>;
  c_id: string | null;
  c_external_id: string | null;
  c_first: string | null;
  c_last: string | null;
  c_email: string | null;
  c_phone: string | null;
  c_attrs: Record<string, unknown> | null;
};

async function targetDetails(ctx: FireCtx): Promise<TargetRow[]> {
  const contact = ctx.play.subject === 'contacts';
  return queryRows<TargetRow>(
    ctx.tx,
    sql`
    select x.record_id, a.id as account_id, a.name as a_name, a.external_id as a_external_id, a.lifecycle_stage as a_stage, a.account_type as a_type, a.attributes as a_attrs,
      c.id as c_id, c.external_id as c_external_id, c.first_name as c_first, c.last_name as c_last, c.email as c_email, c.phone as c_phone, c.attributes as c_attrs
    from (${ctx.targets}) x
    ${contact ? sql`join contacts c on c.id = x.record_id join accounts a on a.id = c.account_id` : sql`join accounts a on a.id = x.record_id left join contacts c on false`}`,
  );
}

function mergeFor(ctx: FireCtx, r: TargetRow) {
  return mergeContextFrom({
    account: {
      id: r.account_id,
      name: r.a_name,
      externalId: r.a_external_id,
      lifecycleStage: r.a_stage,
      accountType: r.a_type,
      attributes: r.a_attrs,
    },
    contact: r.c_id
      ? {
          id: r.c_id,
          externalId: r.c_external_id ?? '',
          firstName: r.c_first ?? '',
          lastName: r.c_last ?? '',
          email: r.c_email,
          phone: r.c_phone,
          attributes: r.c_attrs ?? {},
        }
      : null,
    play: { name: ctx.play.name, triggerDate: ctx.today },
  });
}

/**
 * One delivery per target, enqueued in this transaction (at least once; the delivery id is stable
 * across retries). Results are written in one statement for the chunk.
 */
export async function fireWebhook(
  ctx: FireCtx,
  action: Extract<Action, { type: 'webhook' }>,
): Promise<ActionCounts> {
  if (await webhookDisabled(ctx.tx, ctx.play.id, action.id))
    return count(
      await results(ctx, action.id, 'skipped', JSON.stringify({ reason: 'webhook_disabled' })),
    );
  const out: ResultRow[] = [];
  for (const r of await targetDetails(ctx)) {
    const request = renderWebhookRequest(action.webhook as StoredWebhook, mergeFor(ctx, r));
    const id = ctx.dryRun
      ? null
      : await enqueueWebhookDelivery(ctx.tx, ctx.deps, {
          workspaceId: ctx.play.workspaceId,
          accountId: r.account_id,
          contactId: r.c_id,
          playId: ctx.play.id,
          actionId: action.id,
          request,
        });
    out.push({
      record_id: r.record_id,
      account_id: r.account_id,
      result: ctx.dryRun ? 'would_send' : id ? 'webhook_enqueued' : 'skipped',
      detail: { deliveryId: id, method: request.method, url: request.url },
    });
  }
  await insertResults(ctx, action.id, out);
  return { ...noCounts(), other: out.length };
}

/** E-mail to each target contact that has an address (contact plays). */
export async function emailContacts(
  ctx: FireCtx,
  action: Extract<Action, { type: 'send_email' }>,
): Promise<ActionCounts> {
  const c = noCounts();
  const out: ResultRow[] = [];
  for (const r of await targetDetails(ctx)) {
    if (!r.c_email) {
      out.push({
        record_id: r.record_id,
        account_id: r.account_id,
        result: 'skipped',
        detail: { reason: 'no_email' },
      });
      c.skipped++;
      continue;
    }
    const merge = mergeFor(ctx, r);
    if (!ctx.dryRun) {
      await ctx.deps.mailer.enqueue(ctx.tx, {
        workspaceId: ctx.play.workspaceId,
        to: r.c_email,
        kind: 'play_contact_email',
        subject: renderTemplate(action.subject, merge, 'header'),
        text: renderTemplate(action.body, merge, 'text'),
      });
    }
    out.push({
      record_id: r.record_id,
      account_id: r.account_id,
      result: ctx.dryRun ? 'would_send' : 'emailed',
      detail: { to: r.c_email },
    });
    c.other++;
  }
  await insertResults(ctx, action.id, out);
  return c;
}

/** One result row per target (dry runs and actions with nothing to write per row). */
async function results(ctx: FireCtx, actionId: string, result: string, detail: string) {
  return queryRows<{ n: number }>(
    ctx.tx,
    sql`with ${resultsFrom(sql`
    insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
    select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, x.record_id, ${ctx.play.subject === 'accounts' ? sql`x.record_id` : sql`(select c.account_id from contacts c where c.id = x.record_id)`},
      ${actionId}, ${result}, ${detail}::jsonb, ${ctx.now} from (${ctx.targets}) x`)}`,
  );
}

/** The results insert as the last CTE of a statement, answering with ONE row (its count) instead of one row per record. */
function resultsFrom(insert: SQL): SQL {
  return sql`rr as (${insert} returning 1) select count(*)::int as n from rr`;
}

type ResultRow = {
  record_id: string;
  account_id: string | null;
  result: string;
  detail: Record<string, unknown>;
};

/** Per-record results computed in code, written with one JSON parameter per 5,000 rows. */
export async function insertResults(ctx: FireCtx, actionId: string, list: ResultRow[]) {
  for (let i = 0; i < list.length; i += 5000) {
    await ctx.tx
      .execute(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
      select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, r.record_id, r.account_id, ${actionId}, r.result, r.detail, ${ctx.now}
      from jsonb_to_recordset(${JSON.stringify(list.slice(i, i + 5000))}::jsonb) as r(record_id uuid, account_id uuid, result text, detail jsonb)`);
  }
}
