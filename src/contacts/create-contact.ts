import { randomUUID } from 'node:crypto';
import type { Actor, Deps } from '../context.ts';
import { contacts } from '../db/schema/index.ts';
import { recordChange } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { validateAttributes } from '../accounts/attributes.ts';
import { mergeAttributes, normaliseTags } from '../accounts/attribute-changes.ts';
import { duplicateExternalId } from '../accounts/create-account.ts';
import { checkContactAccount } from './queries.ts';
import type { CreateContactInput } from './schema.ts';

/** Adds a contact to an account the caller can see; returns its id. */
export async function createContact(
  deps: Deps,
  actor: Actor,
  input: CreateContactInput,
): Promise<string> {
  const ws = actor.workspaceId;
  await checkContactAccount(deps.db, actor, input.accountId);
  const attributes = mergeAttributes(
    {},
    await validateAttributes(deps.db, ws, 'contact', input.attributes ?? {}),
  );
  const id = randomUUID();
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const inserted = await tx
      .insert(contacts)
      .values({
        id,
        workspaceId: ws,
        accountId: input.accountId,
        externalId: input.externalId ?? id,
        firstName: input.firstName,
        lastName: input.lastName ?? '',
        email: input.email ?? null,
        phone: input.phone ?? null,
        tags: normaliseTags(input.tags ?? []),
        attributes,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [contacts.workspaceId, contacts.externalId] })
      .returning({ id: contacts.id });
    if (inserted.length === 0) throw duplicateExternalId();
    await recordChange(tx, {
      workspaceId: ws,
      entity: 'contact',
      entityId: id,
      accountId: input.accountId,
      kind: 'created',
      payload: { actorId: actor.userId },
    });
    await recordTimeline(tx, {
      workspaceId: ws,
      accountId: input.accountId,
      actorId: actor.userId,
      type: 'contact_created',
      payload: { contactId: id, name: `${input.firstName} ${input.lastName ?? ''}`.trim() },
      at: now,
    });
    return id;
  });
}
