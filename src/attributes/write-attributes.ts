import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { chunked, queryRows } from '../db/rows.ts';
import { uuidArray } from '../db/arrays.ts';
import { validateAttributes } from '../accounts/attributes.ts';
import {
  diffAttributes,
  mergeAttributes,
  type AttributeChange,
} from '../accounts/attribute-changes.ts';
import { recordChangesInBulk, recordTimelineInBulk } from '../accounts/bulk-events.ts';
import {
  attributeChangePayload,
  attributeTimelineEntries,
  type AttributeOrigin,
} from './attribute-events.ts';

export type { AttributeOrigin } from './attribute-events.ts';

type Attributes = Record<string, unknown>;

/** One written record: its attributes after the write, its version and what changed. */
export type AttributeWriteResult = {
  id: string;
  accountId: string;
  attributes: Attributes;
  version: number;
  changes: AttributeChange[];
};

type Locked = {
  id: string;
  account_id: string;
  attributes: Attributes;
  version: number;
  name: string | null;
};

/**
 * The one attribute writer for accounts and contacts (a single record or a set): validates `values`
 * against the workspace's definitions (refusing the whole write with one detail per field, under
 * `pathPrefix`), merges them into each locked record (`null` clears a key), and for every record
 * that really changed bumps the version and records one change event (`changed` + before/after)
 * and one `attribute_changed` timeline entry per key. Set-based: one UPDATE and one insert per
 * table per 5,000 records. Call inside the caller's transaction; ids must already be visible to it.
 */
export async function writeAttributes(
  tx: DbOrTx,
  target: { entity: 'account' | 'contact'; workspaceId: string; ids: string[] },
  values: Attributes,
  how: { origin: AttributeOrigin; at: Date; pathPrefix?: string; validated?: boolean },
): Promise<AttributeWriteResult[]> {
  const { entity, workspaceId: ws } = target;
  const patch = how.validated
    ? values
    : await validateAttributes(tx, ws, entity, values, { pathPrefix: how.pathPrefix });
  const rows = await lockRecords(tx, target);
  const results: AttributeWriteResult[] = rows.map((r) => {
    const attributes = mergeAttributes(r.attributes, patch);
    return {
      id: r.id,
      accountId: r.account_id,
      attributes,
      version: r.version,
      changes: diffAttributes(r.attributes, attributes),
    };
  });
  const changed = results.filter((r) => r.changes.length > 0);
  if (changed.length === 0) return results;
  const table = sql.raw(entity === 'account' ? 'accounts' : 'contacts');
  for (const part of chunked(changed)) {
    const json = JSON.stringify(part.map((r) => ({ id: r.id, attributes: r.attributes })));
    const bumped = await queryRows<{ id: string; version: number }>(
      tx,
      sql`update ${table} t set attributes = x.attributes, version = t.version + 1, updated_at = ${how.at}
        from jsonb_to_recordset(${json}::jsonb) as x(id uuid, attributes jsonb)
        where t.id = x.id returning t.id, t.version`,
    );
    const versions = new Map(bumped.map((b) => [b.id, b.version]));
    for (const r of part) r.version = versions.get(r.id) ?? r.version;
  }
  const names = new Map(rows.map((r) => [r.id, r.name]));
  await recordChangesInBulk(
    tx,
    changed.map((r) => ({
      workspaceId: ws,
      entity,
      entityId: r.id,
      accountId: r.accountId,
      kind: 'updated' as const,
      payload: attributeChangePayload(r.changes, how.origin),
    })),
  );
  await recordTimelineInBulk(
    tx,
    changed.flatMap((r) =>
      attributeTimelineEntries(
        {
          entity,
          workspaceId: ws,
          accountId: r.accountId,
          ...(entity === 'contact' ? { contact: { id: r.id, name: names.get(r.id) ?? '' } } : {}),
        },
        r.changes,
        how.origin,
        how.at,
      ),
    ),
    how.at,
  );
  return results;
}

/** The records, locked in id order (so concurrent writers cannot deadlock) for exact before values. */
function lockRecords(
  tx: DbOrTx,
  target: { entity: 'account' | 'contact'; workspaceId: string; ids: string[] },
): Promise<Locked[]> {
  const ids = uuidArray([...new Set(target.ids)]);
  return target.entity === 'account'
    ? queryRows<Locked>(
        tx,
        sql`select id, id as account_id, attributes, version, null as name from accounts
          where workspace_id = ${target.workspaceId}::uuid and id = any(${ids}) order by id for no key update`,
      )
    : queryRows<Locked>(
        tx,
        sql`select id, account_id, attributes, version, btrim(first_name || ' ' || coalesce(last_name, '')) as name
          from contacts where workspace_id = ${target.workspaceId}::uuid and id = any(${ids}) order by id for no key update`,
      );
}
