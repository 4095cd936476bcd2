import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { textArray } from '../db/arrays.ts';
import { validateAttributes } from '../accounts/attributes.ts';
import { changePayloadSql, insertChangeEventsSql, jsonValue } from '../events/payload-sql.ts';
import { timelinePayloadSql } from '../timeline/payload-sql.ts';
import { changeOrigin, type AttributeOrigin } from './attribute-events.ts';

/**
 * The set-based form of `writeAttributes` (the play engine's "update information"): the same
 * values set or cleared on every record of `targets` (a query with a `record_id` column) in ONE
 * statement, with the same validation, change events and timeline entries as every other path.
 * Returns its CTEs for the caller's `WITH`: `old` (every targeted record, before: `id`,
 * `account_id`, `attributes`), `u` (the records that really changed, after, plus `name`), then
 * the inserts. Records whose values are already as asked are left alone (no version bump, no
 * events), like every other path. The caller adds its own CTEs reading `old` or `u`, and the final SELECT.
 */
export async function writeAttributesSql(
  tx: DbOrTx,
  p: {
    entity: 'account' | 'contact';
    workspaceId: string;
    targets: SQL;
    set: Record<string, unknown>;
    clear: string[];
    origin: AttributeOrigin;
    at: Date;
    pathPrefix?: string;
  },
): Promise<SQL> {
  const patch = await validateAttributes(
    tx,
    p.workspaceId,
    p.entity,
    { ...p.set, ...Object.fromEntries(p.clear.map((k) => [k, null])) },
    { pathPrefix: p.pathPrefix },
  );
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null));
  const keys = Object.keys(patch);
  const clear = keys.filter((k) => patch[k] === null);
  const ws = sql`${p.workspaceId}::uuid`;
  const contact = p.entity === 'contact';
  const table = sql.raw(contact ? 'contacts' : 'accounts');
  const next = sql`(r.attributes || ${JSON.stringify(set)}::jsonb) - ${textArray(clear)}`;
  const origin = Object.fromEntries(
    Object.entries(changeOrigin(p.origin)).map(([k, v]) => [k, jsonValue(v)]),
  );
  const perRecord = (agg: SQL) => sql`(select ${agg} from d where d.id = u.id)`;
  const payload = changePayloadSql(`${p.entity}.updated`, {
    ...origin,
    changed: perRecord(sql`jsonb_agg('attributes.' || d.key order by d.key collate "C")`),
    attributes: perRecord(
      sql`jsonb_object_agg(d.key, jsonb_build_object('from', d.from_v, 'to', d.to_v))`,
    ),
  });
  const o = p.origin;
  const entry = timelinePayloadSql('attribute_changed', {
    key: sql`d.key`,
    from: sql`d.from_v`,
    to: sql`d.to_v`,
    entity: sql`${p.entity}::text`,
    ...(contact ? { contactId: sql`d.id::text`, contactName: sql`d.name` } : {}),
    ...(o.cause ? { cause: sql`${o.cause}::text` } : {}),
    ...(o.outcome !== undefined ? { outcome: sql`${o.outcome}::text` } : {}),
    ...(o.play ? { playId: sql`${o.play.id}::text`, playName: sql`${o.play.name}::text` } : {}),
  });
  return sql`old as (select r.id, ${contact ? sql`r.account_id` : sql`r.id`} as account_id, r.attributes from ${table} r
      where r.workspace_id = ${ws} and r.id in (select record_id from (${p.targets}) x)),
    u as (update ${table} r set attributes = ${next}, version = r.version + 1, updated_at = ${p.at}
      where r.workspace_id = ${ws} and r.id in (select id from old) and r.attributes is distinct from ${next}
      returning r.id, ${contact ? sql`r.account_id` : sql`r.id`} as account_id, r.attributes,
        ${contact ? sql`btrim(r.first_name || ' ' || coalesce(r.last_name, ''))` : sql`null::text`} as name),
    d as materialized (select u.id, u.account_id, u.name, k.key, o.attributes -> k.key as from_v, u.attributes -> k.key as to_v
      from u join old o on o.id = u.id cross join unnest(${textArray(keys)}) as k(key)
      where (o.attributes -> k.key) is distinct from (u.attributes -> k.key)),
    ce as (${insertChangeEventsSql(`${p.entity}.updated`, {
      workspaceId: p.workspaceId,
      entityId: sql`u.id`,
      accountId: sql`u.account_id`,
      payload,
      at: p.at,
      rows: sql`from u`,
    })}),
    tl as (insert into timeline_events (workspace_id, account_id, actor_id, task_id, type, payload, created_at)
      select ${ws}, d.account_id, ${o.actorId}::uuid, ${o.taskId ?? null}::uuid, 'attribute_changed', ${entry}, ${p.at}
      from d order by d.id, d.key collate "C")`;
}
