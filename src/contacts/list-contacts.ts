import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { contacts } from '../db/schema/index.ts';
import { containsPattern } from '../accounts/cursor.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { selectContacts } from './queries.ts';
import type { Contact, ListContactsQuery } from './schema.ts';

const cursorShape = z.tuple([z.string(), z.string(), cursorPart.id]);

/** Contacts on accounts the caller can see: search, account and tag filters, keyset cursor. */
export async function listContacts(
  deps: Deps,
  actor: Actor,
  query: ListContactsQuery,
): Promise<{ data: Contact[]; nextCursor: string | null }> {
  const where: SQL[] = [];
  if (query.q) {
    const p = containsPattern(query.q);
    where.push(
      sql`(${contacts.firstName} || ' ' || ${contacts.lastName} ilike ${p} or ${contacts.email} ilike ${p} or ${contacts.externalId} ilike ${p})`,
    );
  }
  if (query.accountId) where.push(eq(contacts.accountId, query.accountId));
  if (query.tag) where.push(sql`${query.tag} = any(${contacts.tags})`);
  const after = decodeCursor(query.cursor, cursorShape);
  const rows = await selectContacts(deps.db, actor, where, after, query.limit + 1);
  const data = rows.slice(0, query.limit);
  const last = data[data.length - 1];
  return {
    data,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([last.lastName, last.firstName, last.id])
        : null,
  };
}
