import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, contacts } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { validateAttributes } from '../accounts/attributes.ts';
import { writeAttributes } from './write-attributes.ts';
import type { AttributeEventInput } from './schema.ts';

type Target = {
  entity: 'account' | 'contact';
  id: string;
  accountId: string;
  attributes: Record<string, unknown>;
  version: number;
};

/**
 * The integration event: merges attribute values into one account or contact (null clears a key),
 * with the same validation, change event and timeline as any other write. No version is needed:
 * the row is locked and the merge touches only the keys sent. Returns the new version.
 */
export async function pushAttributes(deps: Deps, actor: Actor, input: AttributeEventInput) {
  const entity: 'account' | 'contact' = input.contactExternalId ? 'contact' : 'account';
  // Refused before the transaction (the writer checks again inside it, against the same definitions).
  await validateAttributes(deps.db, actor.workspaceId, entity, input.attributes);
  return deps.db.transaction(async (tx) => {
    const target = await lockTarget(tx, actor, input);
    const [written] = await writeAttributes(
      tx,
      { entity, workspaceId: actor.workspaceId, ids: [target.id] },
      input.attributes,
      { origin: { actorId: actor.userId, source: 'event' }, at: deps.clock.now() },
    );
    return {
      entity,
      id: target.id,
      accountId: target.accountId,
      version: written?.version ?? target.version,
      changed: (written?.changes ?? []).map((c) => c.key),
    };
  });
}

async function lockTarget(tx: DbOrTx, actor: Actor, input: AttributeEventInput): Promise<Target> {
  const ws = actor.workspaceId;
  if (input.contactExternalId) {
    const [c] = await tx
      .select({
        id: contacts.id,
        accountId: contacts.accountId,
        attributes: contacts.attributes,
        version: contacts.version,
      })
      .from(contacts)
      .where(
        and(
          eq(contacts.workspaceId, ws),
          eq(contacts.externalId, input.contactExternalId),
          accountVisible(actor, contacts.accountId),
        ),
      )
      .for('no key update');
    if (!c) throw errors.notFound('Contact');
    return { entity: 'contact', ...c };
  }
  const byId = input.accountId
    ? eq(accounts.id, input.accountId)
    : eq(accounts.externalId, input.accountExternalId!);
  const [a] = await tx
    .select({ id: accounts.id, attributes: accounts.attributes, version: accounts.version })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), byId, accountVisible(actor, accounts.id)))
    .for('no key update');
  if (!a) throw errors.notFound('Account');
  return { entity: 'account', accountId: a.id, ...a };
}
