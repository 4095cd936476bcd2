import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { DbOrTx } from '../db/client.ts';
import { teams } from '../db/schema/index.ts';
import { accountVisible, requireRole } from '../auth/access.ts';
import type { Change } from '../events/record-change.ts';
import type { TimelineEntry } from '../timeline/record-event.ts';
import { recordChangesInBulk, recordTimelineInBulk } from './bulk-events.ts';
import type { ErrorDetail } from '../http/errors.ts';
import {
  attributeChangeFields,
  attributeTimelineEntries,
  changeOrigin,
} from '../attributes/attribute-events.ts';
import {
  bulkAccountRow,
  nodesOnCycles,
  planAccount,
  type ExistingAccount,
  type PlannedAccount,
} from './bulk-plan-accounts.ts';
import {
  assertPlannedIds,
  duplicateKeys,
  parseBulkRows,
  throwIfAny,
  validateRowAttributes,
  type BulkResult,
} from './bulk-rows.ts';
import { lockHierarchy } from './hierarchy.ts';
import { chunked, queryRows } from '../db/rows.ts';

/**
 * The integration path: upserts accounts by external id, all or nothing. Every row is validated
 * first (any problem → 400 `rows.<i>.<field>`, nothing written); then one transaction writes only
 * new and changed rows with set-based statements (≤ 5,000 rows each), resolves parents by external
 * id (the parent may be in the same batch), refuses loops, and records change and timeline events.
 */
export async function bulkUpsertAccounts(
  deps: Deps,
  actor: Actor,
  body: unknown,
): Promise<BulkResult> {
  requireRole(actor, 'advanced');
  const ws = actor.workspaceId;
  const rows = parseBulkRows(bulkAccountRow, body);
  const details: ErrorDetail[] = duplicateKeys(rows.map((r) => r.externalId));
  rows.forEach((r, i) => {
    if (r.parentExternalId === r.externalId)
      details.push({
        path: `body.rows.${i}.parentExternalId`,
        message: 'an account cannot be its own parent',
      });
  });
  const patches = await validateRowAttributes(deps.db, ws, 'account', rows, details);
  const teamIdsByRow = await resolveTeams(
    deps.db,
    ws,
    rows.map((r) => r.teams),
    details,
  );
  throwIfAny(details);

  return deps.db.transaction(async (tx) => {
    await lockHierarchy(tx, ws);
    const batch = new Set(rows.map((r) => r.externalId));
    const existing = await loadExisting(tx, actor, [...batch]);
    const outside = [
      ...new Set(
        rows.flatMap((r) =>
          r.parentExternalId && !batch.has(r.parentExternalId) ? [r.parentExternalId] : [],
        ),
      ),
    ];
    const parents = new Map(
      (await loadExisting(tx, actor, outside)).map((p) => [p.external_id, p]),
    );
    const byExt = new Map(existing.map((e) => [e.external_id, e]));
    rows.forEach((r, i) => {
      if (byExt.get(r.externalId)?.visible === false)
        details.push({
          path: `body.rows.${i}.externalId`,
          message: 'an account with this external id exists outside your teams',
        });
      const p =
        r.parentExternalId && !batch.has(r.parentExternalId)
          ? parents.get(r.parentExternalId)
          : undefined;
      if (r.parentExternalId && !batch.has(r.parentExternalId) && !p?.visible)
        details.push({ path: `body.rows.${i}.parentExternalId`, message: 'no such account' });
    });
    throwIfAny(details);

    const plans = rows.map((r, i) =>
      planAccount(i, r, patches[i]!, teamIdsByRow[i], byExt.get(r.externalId)),
    );
    const writes = plans.filter((p) => p.isNew || p.changed.length > 0);
    const now = deps.clock.now().toISOString();
    for (const part of chunked(writes)) await upsertChunk(tx, ws, now, part);
    await writeTeams(
      tx,
      ws,
      writes.filter((p) => p.writeTeams),
    );
    const reparented = writes.filter((p) => p.writeParent);
    const idOf = new Map([...parents.values()].map((p) => [p.external_id, p.id]));
    for (const p of plans) idOf.set(p.externalId, p.id);
    for (const part of chunked(reparented)) {
      await writeParents(
        tx,
        part.map((p) => ({
          id: p.id,
          parentId: p.parentExternalId === null ? null : idOf.get(p.parentExternalId)!,
        })),
      );
    }
    throwIfAny(await findCycles(tx, reparented));

    const origin = { actorId: actor.userId, source: 'bulk' as const };
    await recordChangesInBulk(
      tx,
      writes.map((p): Change =>
        p.isNew
          ? {
              workspaceId: ws,
              entity: 'account',
              entityId: p.id,
              accountId: p.id,
              kind: 'created',
              payload: { actorId: actor.userId, source: 'bulk' },
            }
          : {
              workspaceId: ws,
              entity: 'account',
              entityId: p.id,
              accountId: p.id,
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
    const timeline: TimelineEntry[] = writes.flatMap((p) =>
      attributeTimelineEntries(
        { entity: 'account', workspaceId: ws, accountId: p.id },
        p.attrChanges,
        origin,
        new Date(now),
      ),
    );
    await recordTimelineInBulk(tx, timeline, new Date(now));
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
        kind: 'accounts.imported',
        target: { type: 'accounts', id: null, name: null },
        changes: counts,
      },
      new Date(now),
    );
    return counts;
  });
}

async function resolveTeams(
  db: DbOrTx,
  ws: string,
  lists: Array<string[] | undefined>,
  details: ErrorDetail[],
): Promise<Array<string[] | undefined>> {
  const names = [...new Set(lists.flatMap((l) => l ?? []))];
  const found = names.length
    ? await db
        .select({ id: teams.id, name: teams.name })
        .from(teams)
        .where(and(eq(teams.workspaceId, ws), inArray(teams.name, names)))
    : [];
  const idByName = new Map(found.map((t) => [t.name, t.id]));
  return lists.map((list, i) =>
    list?.map((name, j) => {
      const id = idByName.get(name);
      if (!id)
        details.push({ path: `body.rows.${i}.teams.${j}`, message: `no team named "${name}"` });
      return id ?? '';
    }),
  );
}

/** Stored accounts by external id, locked for the rest of the transaction (NO KEY: new tasks may still reference them). */
async function loadExisting(
  tx: DbOrTx,
  actor: Actor,
  externalIds: string[],
): Promise<ExistingAccount[]> {
  if (externalIds.length === 0) return [];
  return queryRows<ExistingAccount>(
    tx,
    sql`
    select a.id, a.external_id, a.name, a.lifecycle_stage, a.account_type, a.tags, a.attributes, a.version,
      p.external_id as parent_external_id,
      coalesce((select array_agg(t.team_id::text) from account_teams t where t.account_id = a.id), '{}'::text[]) as team_ids,
      ${accountVisible(actor, sql`a.id`)} as visible
    from accounts a left join accounts p on p.id = a.parent_id
    where a.workspace_id = ${actor.workspaceId}::uuid
      and a.external_id in (select jsonb_array_elements_text(${JSON.stringify(externalIds)}::jsonb))
    for no key update of a`,
  );
}

async function upsertChunk(tx: DbOrTx, ws: string, now: string, part: PlannedAccount[]) {
  const json = JSON.stringify(
    part.map((p) => ({
      id: p.id,
      external_id: p.externalId,
      name: p.name,
      lifecycle_stage: p.lifecycleStage,
      account_type: p.accountType,
      tags: p.tags,
      attributes: p.attributes,
    })),
  );
  const written = await queryRows<{ id: string }>(
    tx,
    sql`
    insert into accounts (id, workspace_id, external_id, name, lifecycle_stage, account_type, tags, attributes, version, created_at, updated_at)
    select r.id, ${ws}::uuid, r.external_id, r.name, r.lifecycle_stage, r.account_type, r.tags, r.attributes, 1, ${now}::timestamptz, ${now}::timestamptz
    from jsonb_to_recordset(${json}::jsonb) as r(id uuid, external_id text, name text, lifecycle_stage text, account_type text, tags text[], attributes jsonb)
    on conflict (workspace_id, external_id) do update set
      name = excluded.name, lifecycle_stage = excluded.lifecycle_stage, account_type = excluded.account_type, tags = excluded.tags,
      attributes = excluded.attributes, version = accounts.version + 1, updated_at = excluded.updated_at
    returning id`,
  );
  assertPlannedIds(written, part);
}

async function writeTeams(tx: DbOrTx, ws: string, plans: PlannedAccount[]) {
  const stale = JSON.stringify(plans.filter((p) => !p.isNew).map((p) => p.id));
  if (stale !== '[]')
    await tx.execute(
      sql`delete from account_teams where account_id in (select (jsonb_array_elements_text(${stale}::jsonb))::uuid)`,
    );
  for (const part of chunked(plans.filter((p) => p.teamIds.length > 0))) {
    const json = JSON.stringify(part.map((p) => ({ id: p.id, team_ids: p.teamIds })));
    await tx.execute(sql`
      insert into account_teams (workspace_id, account_id, team_id)
      select ${ws}::uuid, r.id, t.team_id from jsonb_to_recordset(${json}::jsonb) as r(id uuid, team_ids uuid[]), unnest(r.team_ids) as t(team_id)
      on conflict do nothing`);
  }
}

/** Second set-based statement: parents, now that every batch row exists (ids resolved from external ids). */
async function writeParents(tx: DbOrTx, part: Array<{ id: string; parentId: string | null }>) {
  const json = JSON.stringify(part.map((p) => ({ id: p.id, parent_id: p.parentId })));
  await tx.execute(sql`
    update accounts a set parent_id = r.parent_id
    from jsonb_to_recordset(${json}::jsonb) as r(id uuid, parent_id uuid)
    where a.id = r.id`);
}

/**
 * Walks up from each re-parented account until the next re-parented one (or the root), then looks
 * for loops among those hops: every new loop passes through at least one re-parented account.
 */
async function findCycles(tx: DbOrTx, reparented: PlannedAccount[]): Promise<ErrorDetail[]> {
  const moved = reparented.filter((p) => p.parentExternalId !== null);
  if (moved.length === 0) return [];
  const ids = JSON.stringify(moved.map((p) => p.id));
  const hops = await queryRows<{ start_id: string; id: string }>(
    tx,
    sql`
    with recursive starts as (select (jsonb_array_elements_text(${ids}::jsonb))::uuid as id),
    walk(start_id, id) as (
      select a.id, a.parent_id from accounts a join starts s on s.id = a.id where a.parent_id is not null
      union
      select w.start_id, a.parent_id from walk w join accounts a on a.id = w.id
      where a.parent_id is not null and w.id not in (select id from starts)
    )
    select start_id, id from walk where id in (select id from starts)`,
  );
  const looped = nodesOnCycles(new Map(hops.map((h) => [h.start_id, h.id])));
  return moved
    .filter((p) => looped.has(p.id))
    .map((p) => ({
      path: `body.rows.${p.index}.parentExternalId`,
      message: 'this parent makes the account its own ancestor',
    }));
}
