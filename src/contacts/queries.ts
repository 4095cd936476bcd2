import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, contacts } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { errors, type ErrorPath } from '../http/errors.ts';
import type { Contact } from './schema.ts';

type Row = typeof contacts.$inferSelect & { accountName: string };

export function toContact(row: Row): Contact {
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: row.accountName,
    externalId: row.externalId,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    tags: row.tags,
    attributes: row.attributes,
    version: row.version,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** Contacts of accounts the caller can see, in name order (last, first, id) after the keyset `after`. */
export async function selectContacts(
  db: DbOrTx,
  actor: Actor,
  where: SQL[],
  after: [string, string, string] | null,
  limit: number,
): Promise<Contact[]> {
  const conds = [
    eq(contacts.workspaceId, actor.workspaceId),
    accountVisible(actor, contacts.accountId),
    ...where,
  ];
  if (after)
    conds.push(
      sql`(${contacts.lastName}, ${contacts.firstName}, ${contacts.id}) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)`,
    );
  const rows = await db
    .select({ ...getTableColumns(contacts), accountName: accounts.name })
    .from(contacts)
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(and(...conds))
    .orderBy(asc(contacts.lastName), asc(contacts.firstName), asc(contacts.id))
    .limit(limit);
  return rows.map(toContact);
}

/** One contact on an account the caller can see, or 404. */
export async function loadVisibleContact(db: DbOrTx, actor: Actor, id: string): Promise<Contact> {
  const [row] = await selectContacts(db, actor, [eq(contacts.id, id)], null, 1);
  if (!row) throw errors.notFound('Contact');
  return row;
}

/** An account the caller can see, for a contact body's `accountId` (a 400 on that path otherwise). */
export async function checkContactAccount(
  db: DbOrTx,
  actor: Actor,
  accountId: string,
  path: ErrorPath = 'body.accountId',
): Promise<void> {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.id, accountId),
        eq(accounts.workspaceId, actor.workspaceId),
        accountVisible(actor, accounts.id),
      ),
    );
  if (!row) throw errors.field(path, 'No such account.');
}
