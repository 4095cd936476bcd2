// The one edit path of accounts and contacts: lock the record the caller can see, refuse a stale
// version, diff the named fields, write them in one versioned UPDATE with their change event and
// timeline entry, and hand attributes to the one attribute writer (`writeAttributes`). What differs
// per entity (teams and parent; a contact's move) comes in as hooks.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, contacts } from '../db/schema/index.ts';
import { recordChange, type Change } from '../events/record-change.ts';
import { recordTimeline, type TimelineEntry } from '../timeline/record-event.ts';
import { errors } from '../http/errors.ts';
import { accountVisible } from '../auth/access.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { writeAttributes } from '../attributes/write-attributes.ts';
import { validateAttributes } from './attributes.ts';
import { normaliseTags, sameSet } from './attribute-changes.ts';
import { duplicateExternalId } from './create-account.ts';

type Tables = { account: typeof accounts; contact: typeof contacts };
type Entity = keyof Tables;
export type RecordRow<E extends Entity> = Tables[E]['$inferSelect'];
export type RecordSet<E extends Entity> = Partial<Tables[E]['$inferInsert']>;

/** An edit: fields compared with the stored values, in the order given (`tags` as a set), and attributes (merged). */
export type RecordEdit<E extends Entity> = {
  fields: Partial<Record<keyof RecordRow<E>, unknown>>;
  attributes?: Record<string, unknown>;
};

/** What each entity adds to the shared path. */
export type RecordHooks<E extends Entity> = {
  /** Checks and side writes once the fields' diff is known (may push to `changed`, e.g. `teams`). */
  beforeWrite?(
    tx: DbOrTx,
    current: RecordRow<E>,
    set: RecordSet<E>,
    changed: string[],
  ): Promise<void>;
  /** The account the change belongs to after the write. */
  accountIdOf(current: RecordRow<E>, set: RecordSet<E>): string;
  /** Extra keys of the fields' change payload. */
  payload?(current: RecordRow<E>, set: RecordSet<E>): Record<string, unknown>;
  /** The timeline entry naming the changed fields. */
  timeline(current: RecordRow<E>, set: RecordSet<E>, fields: string[]): TimelineEntry;
};

const tables: Tables = { account: accounts, contact: contacts };
const labels = { account: 'Account', contact: 'Contact' } as const;

/** Who may see the record: whoever may see its account. */
const visible = (entity: Entity, actor: Actor) =>
  accountVisible(actor, entity === 'account' ? accounts.id : contacts.accountId);

/**
 * Edits one account or contact, refusing stale writes (`expected` ≠ current version, checked under
 * the row lock and again in the UPDATE). A request that changes nothing bumps nothing. Returns the
 * new version (attributes are written by `writeAttributes`, which bumps it once more when both
 * fields and attributes change).
 */
export async function updateRecord<E extends Entity>(
  deps: Deps,
  actor: Actor,
  entity: E,
  id: string,
  edit: RecordEdit<E>,
  expected: number,
  hooks: RecordHooks<E>,
): Promise<number> {
  const ws = actor.workspaceId;
  // The columns used here (id, workspace, version, external id, tags, updated at) exist in both tables.
  const table = tables[entity] as unknown as typeof accounts;
  const patch = edit.attributes
    ? await validateAttributes(deps.db, ws, entity, edit.attributes)
    : null;
  return deps.db
    .transaction(async (tx): Promise<number> => {
      const [found] = await tx
        .select()
        .from(table)
        .where(and(eq(table.id, id), eq(table.workspaceId, ws), visible(entity, actor)))
        .for('no key update');
      const current = found as RecordRow<E> | undefined;
      if (!current) throw errors.notFound(labels[entity]);
      if (current.version !== expected) throw errors.versionConflict(current.version);

      const changed: string[] = [];
      const set: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(edit.fields)) {
        if (value === undefined) continue;
        // Tags are a set: normalised, and compared regardless of order.
        const next = key === 'tags' ? normaliseTags(value as string[]) : value;
        const same =
          key === 'tags'
            ? sameSet(next as string[], current.tags)
            : next === current[key as keyof typeof current];
        if (same) continue;
        set[key] = next;
        changed.push(key);
      }
      if (typeof set.externalId === 'string') {
        const [taken] = await tx
          .select({ id: table.id })
          .from(table)
          .where(
            and(eq(table.workspaceId, ws), eq(table.externalId, set.externalId), ne(table.id, id)),
          );
        if (taken) throw duplicateExternalId();
      }
      await hooks.beforeWrite?.(tx, current, set as RecordSet<E>, changed);

      const now = deps.clock.now();
      let version = current.version;
      if (changed.length > 0) {
        const [row] = await tx
          .update(table)
          .set({ ...set, version: sql`${table.version} + 1`, updatedAt: now })
          .where(and(eq(table.id, id), eq(table.version, expected)))
          .returning({ version: table.version });
        if (!row) throw errors.versionConflict(current.version);
        version = row.version;
        const accountId = hooks.accountIdOf(current, set as RecordSet<E>);
        await recordChange(tx, {
          workspaceId: ws,
          entity,
          entityId: id,
          accountId,
          kind: 'updated',
          payload: {
            changed,
            actorId: actor.userId,
            ...hooks.payload?.(current, set as RecordSet<E>),
          },
        } as Change);
        await recordTimeline(tx, {
          ...hooks.timeline(current, set as RecordSet<E>, changed),
          at: now,
        });
      }
      // Attributes go through the one attribute writer: its change event, timeline entries and bump.
      if (patch) {
        const [written] = await writeAttributes(tx, { entity, workspaceId: ws, ids: [id] }, patch, {
          origin: { actorId: actor.userId },
          at: now,
          validated: true,
        });
        if (written) version = written.version;
      }
      return version;
    })
    .catch((err: unknown) => {
      // The check above cannot see a concurrent, uncommitted insert of the same external id; the index can.
      throw isUniqueViolation(err) ? duplicateExternalId() : err;
    });
}

/** Each changed field's before and after, for an `…_updated` timeline entry. */
export function fieldChanges(
  current: Record<string, unknown>,
  set: Record<string, unknown>,
  fields: string[],
): Record<string, { from: unknown; to: unknown }> {
  return Object.fromEntries(
    fields.map((f) => [f, { from: current[f] ?? null, to: set[f] ?? null }]),
  );
}
