import { and, eq, ne, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { contacts, tasks } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { recordChange } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors } from '../http/errors.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { validateAttributes } from '../accounts/attributes.ts';
import {
  attributeChangeFields,
  attributeTimelineEntries,
  contactName,
} from '../attributes/attribute-events.ts';
import {
  diffAttributes,
  mergeAttributes,
  normaliseTags,
  sameSet,
} from '../accounts/attribute-changes.ts';
import { duplicateExternalId } from '../accounts/create-account.ts';
import { checkContactAccount } from './queries.ts';
import type { UpdateContactInput } from './schema.ts';

type Editable = 'externalId' | 'firstName' | 'lastName' | 'email' | 'phone' | 'accountId';

/** Edits a contact on an account the caller can see, refusing stale writes. Returns the new version. */
export async function updateContact(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateContactInput,
  expected: number,
): Promise<number> {
  const ws = actor.workspaceId;
  const patch = input.attributes
    ? await validateAttributes(deps.db, ws, 'contact', input.attributes)
    : null;
  return deps.db
    .transaction(async (tx): Promise<number> => {
      const [current] = await tx
        .select()
        .from(contacts)
        .where(
          and(
            eq(contacts.id, id),
            eq(contacts.workspaceId, ws),
            accountVisible(actor, contacts.accountId),
          ),
        )
        .for('no key update');
      if (!current) throw errors.notFound('Contact');
      if (current.version !== expected) throw errors.versionConflict(current.version);

      const changed: string[] = [];
      const set: Partial<typeof contacts.$inferInsert> = {};
      const field = <K extends Editable>(
        key: K,
        value: (typeof contacts.$inferInsert)[K] | undefined,
      ) => {
        if (value !== undefined && value !== current[key]) {
          set[key] = value;
          changed.push(key);
        }
      };
      (['externalId', 'firstName', 'lastName', 'email', 'phone', 'accountId'] as const).forEach(
        (k) => field(k, input[k]),
      );
      if (set.accountId) {
        await checkContactAccount(tx, actor, set.accountId);
        // An open task's contact assignee must be a contact of the task's account (SPEC §2).
        const [assigned] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(tasks)
          .where(
            and(
              eq(tasks.workspaceId, ws),
              eq(tasks.assigneeContactId, id),
              eq(tasks.status, 'open'),
            ),
          );
        if (Number(assigned?.n ?? 0) > 0)
          throw errors.conflict(
            `This contact is the assignee of ${assigned!.n} open task(s) on its account; reassign them before moving it.`,
          );
      }
      if (set.externalId) {
        const [taken] = await tx
          .select({ id: contacts.id })
          .from(contacts)
          .where(
            and(
              eq(contacts.workspaceId, ws),
              eq(contacts.externalId, set.externalId),
              ne(contacts.id, id),
            ),
          );
        if (taken) throw duplicateExternalId();
      }
      if (input.tags) {
        const tags = normaliseTags(input.tags);
        if (!sameSet(tags, current.tags)) {
          set.tags = tags;
          changed.push('tags');
        }
      }
      const merged = patch ? mergeAttributes(current.attributes, patch) : current.attributes;
      const attrChanges = diffAttributes(current.attributes, merged);
      if (attrChanges.length) {
        set.attributes = merged;
        changed.push(...attrChanges.map((c) => `attributes.${c.key}`));
      }
      if (changed.length === 0) return current.version;

      const now = deps.clock.now();
      const [row] = await tx
        .update(contacts)
        .set({ ...set, version: sql`${contacts.version} + 1`, updatedAt: now })
        .where(and(eq(contacts.id, id), eq(contacts.version, expected)))
        .returning({ version: contacts.version, accountId: contacts.accountId });
      if (!row) throw errors.versionConflict(current.version);
      await recordChange(tx, {
        workspaceId: ws,
        entity: 'contact',
        entityId: id,
        accountId: row.accountId,
        kind: 'updated',
        payload: {
          changed,
          actorId: actor.userId,
          ...(set.accountId ? { fromAccountId: current.accountId } : {}),
          ...(attrChanges.length
            ? { attributes: attributeChangeFields(attrChanges).attributes }
            : {}),
        },
      });
      const name = contactName({
        firstName: set.firstName ?? current.firstName,
        lastName: set.lastName ?? current.lastName,
      });
      await recordTimeline(
        tx,
        attributeTimelineEntries(
          { entity: 'contact', workspaceId: ws, accountId: row.accountId, contact: { id, name } },
          attrChanges,
          { actorId: actor.userId },
          now,
        ),
      );
      const fields = changed.filter((c) => !c.startsWith('attributes.'));
      if (fields.length) {
        const changes = Object.fromEntries(
          fields.map((f) => [
            f,
            {
              from: current[f as keyof typeof current] ?? null,
              to: set[f as keyof typeof set] ?? null,
            },
          ]),
        );
        await recordTimeline(tx, {
          workspaceId: ws,
          accountId: row.accountId,
          actorId: actor.userId,
          type: 'contact_updated',
          payload: {
            contactId: id,
            name: `${set.firstName ?? current.firstName} ${set.lastName ?? current.lastName}`.trim(),
            fields,
            changes,
          },
          at: now,
        });
      }
      return row.version;
    })
    .catch((err: unknown) => {
      // The check above cannot see a concurrent, uncommitted insert of the same external id; the index can.
      throw isUniqueViolation(err) ? duplicateExternalId() : err;
    });
}
