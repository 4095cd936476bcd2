import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { DbOrTx } from '../db/client.ts';
import { accountVisible, requireRole } from '../auth/access.ts';
import type { Change } from '../events/record-change.ts';
import type { ErrorDetail } from '../http/errors.ts';
import {
  diffAttributes,
  mergeAttributes,
  normaliseTags,
  sameSet,
  type AttributeChange,
} from '../accounts/attribute-changes.ts';
import { recordChangesInBulk, recordTimelineInBulk } from '../accounts/bulk-events.ts';
import {
  attributeChangeFields,
  attributeTimelineEntries,
  changeOrigin,
  contactName,
} from '../attributes/attribute-events.ts';
import {
  assertPlannedIds,
  duplicateKeys,
  parseBulkRows,
  throwIfAny,
  validateRowAttributes,
  type BulkResult,
} from '../accounts/bulk-rows.ts';
import { chunked, queryRows } from '../db/rows.ts';
import { bulkContactRow, type BulkContactRow } from './schema.ts';

type Existing = {
  id: string;
  external_id: string;
  account_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  visible: boolean;
};
type Plan = {
  id: string;
  isNew: boolean;
  externalId: string;
  accountId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  changed: string[];
  attrChanges: AttributeChange[];
};

/**
 * Upserts contacts by external id, all or nothing, exactly like the accounts bulk path: rows are
 * validated first (`rows.<i>.<field>`), then new and changed rows are written set-based in one
 * transaction. Each row's account is named by its external id and must already exist.
 */
export async function bulkUpsertContacts(
  deps: Deps,
  actor: Actor,
  body: unknown,
): Promise<BulkResult> {
  requireRole(actor, 'advanced');
  const ws = actor.workspaceId;
  const rows = parseBulkRows(bulkContactRow, body);
  const details: ErrorDetail[] = duplicateKeys(rows.map((r) => r.externalId));
  const patches = await validateRowAttributes(deps.db, ws, 'contact', rows, details);
  throwIfAny(details);

  return deps.db.transaction(async (tx) => {
    const accountsByExt = new Map(
      (await loadAccounts(tx, actor, [...new Set(rows.map((r) => r.accountExternalId))])).map(
        (a) => [a.external_id, a],
      ),
    );
    const existing = new Map(
      (
        await loadContacts(
          tx,
          actor,
          rows.map((r) => r.externalId),
        )
      ).map((c) => [c.external_id, c]),
    );
    rows.forEach((r, i) => {
      if (!accountsByExt.get(r.accountExternalId)?.visible)
        details.push({ path: `body.rows.${i}.accountExternalId`, message: 'no such account' });
      if (existing.get(r.externalId)?.visible === false)
        details.push({
          path: `body.rows.${i}.externalId`,
          message: 'a contact with this external id exists outside your teams',
        });
    });
    throwIfAny(details);

    const plans = rows.map((r, i) =>
      plan(r, patches[i]!, accountsByExt.get(r.accountExternalId)!.id, existing.get(r.externalId)),
    );
    const writes = plans.filter((p) => p.isNew || p.changed.length > 0);
    const now = deps.clock.now();
    for (const part of chunked(writes)) await upsertChunk(tx, ws, now.toISOString(), part);
    const origin = { actorId: actor.userId, source: 'bulk' as const };
    await recordChangesInBulk(
      tx,
      writes.map((p): Change =>
        p.isNew
          ? {
              workspaceId: ws,
              entity: 'contact',
              entityId: p.id,
              accountId: p.accountId,
              kind: 'created',
              payload: { actorId: actor.userId, source: 'bulk' },
            }
          : {
              workspaceId: ws,
              entity: 'contact',
              entityId: p.id,
              accountId: p.accountId,
              kind: 'updated',
              payload: {
                ...changeOrigin(origin),
                changed: p.changed,
                ...(p.attrChanges.length
                  ? { attributes: attributeChangeFields(p.attrChanges).attributes }
                  : {}),
              },
            },
      ),
    );
    await recordTimelineInBulk(
      tx,
      writes.flatMap((p) =>
        attributeTimelineEntries(
          {
            entity: 'contact',
            workspaceId: ws,
            accountId: p.accountId,
            contact: { id: p.id, name: contactName(p) },
          },
          p.attrChanges,
          origin,
          now,
        ),
      ),
      now,
    );
    const created = writes.filter((p) => p.isNew).length;
    const counts = {
      created,
      updated: writes.length - created,
      unchanged: plans.length - writes.length,
    };
    await recordAudit(
      tx,
      actor,
      {
        kind: 'contacts.imported',
        target: { type: 'contacts', id: null, name: null },
        changes: counts,
      },
      new Date(now),
    );
    return counts;
  });
}

/** Fields absent from a row keep their stored value; attributes merge. */
function plan(
  row: BulkContactRow,
  patch: Record<string, unknown>,
  accountId: string,
  cur: Existing | undefined,
): Plan {
  const p: Plan = {
    id: cur?.id ?? randomUUID(),
    isNew: !cur,
    externalId: row.externalId,
    accountId,
    firstName: row.firstName,
    lastName: row.lastName ?? cur?.last_name ?? '',
    email: row.email !== undefined ? row.email : (cur?.email ?? null),
    phone: row.phone !== undefined ? row.phone : (cur?.phone ?? null),
    tags: row.tags ? normaliseTags(row.tags) : (cur?.tags ?? []),
    attributes: mergeAttributes(cur?.attributes ?? {}, patch),
    changed: [],
    attrChanges: [],
  };
  if (!cur) return p;
  const pairs: Array<[string, unknown, unknown]> = [
    ['accountId', p.accountId, cur.account_id],
    ['firstName', p.firstName, cur.first_name],
    ['lastName', p.lastName, cur.last_name],
    ['email', p.email, cur.email],
    ['phone', p.phone, cur.phone],
  ];
  for (const [name, next, prev] of pairs) if (next !== prev) p.changed.push(name);
  if (sameSet(p.tags, cur.tags)) p.tags = cur.tags;
  else p.changed.push('tags');
  p.attrChanges = diffAttributes(cur.attributes, p.attributes);
  p.changed.push(...p.attrChanges.map((c) => `attributes.${c.key}`));
  return p;
}

/** The rows' accounts, share-locked so none is deleted under the batch. */
async function loadAccounts(tx: DbOrTx, actor: Actor, externalIds: string[]) {
  return queryRows<{ id: string; external_id: string; visible: boolean }>(
    tx,
    sql`
    select a.id, a.external_id, ${accountVisible(actor, sql`a.id`)} as visible from accounts a
    where a.workspace_id = ${actor.workspaceId}::uuid and a.external_id in (select jsonb_array_elements_text(${JSON.stringify(externalIds)}::jsonb))
    for share of a`,
  );
}

async function loadContacts(tx: DbOrTx, actor: Actor, externalIds: string[]) {
  return queryRows<Existing>(
    tx,
    sql`
    select c.id, c.external_id, c.account_id, c.first_name, c.last_name, c.email, c.phone, c.tags, c.attributes,
      ${accountVisible(actor, sql`c.account_id`)} as visible
    from contacts c
    where c.workspace_id = ${actor.workspaceId}::uuid and c.external_id in (select jsonb_array_elements_text(${JSON.stringify(externalIds)}::jsonb))
    for no key update of c`,
  );
}

async function upsertChunk(tx: DbOrTx, ws: string, now: string, part: Plan[]) {
  const json = JSON.stringify(
    part.map((p) => ({
      id: p.id,
      account_id: p.accountId,
      external_id: p.externalId,
      first_name: p.firstName,
      last_name: p.lastName,
      email: p.email,
      phone: p.phone,
      tags: p.tags,
      attributes: p.attributes,
    })),
  );
  const written = await queryRows<{ id: string }>(
    tx,
    sql`
    insert into contacts (id, workspace_id, account_id, external_id, first_name, last_name, email, phone, tags, attributes, version, created_at, updated_at)
    select r.id, ${ws}::uuid, r.account_id, r.external_id, r.first_name, r.last_name, r.email, r.phone, r.tags, r.attributes, 1, ${now}::timestamptz, ${now}::timestamptz
    from jsonb_to_recordset(${json}::jsonb) as r(id uuid, account_id uuid, external_id text, first_name text, last_name text, email text, phone text, tags text[], attributes jsonb)
    on conflict (workspace_id, external_id) do update set
      account_id = excluded.account_id, first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
      phone = excluded.phone, tags = excluded.tags, attributes = excluded.attributes, version = contacts.version + 1, updated_at = excluded.updated_at
    returning id`,
  );
  assertPlannedIds(written, part);
}
