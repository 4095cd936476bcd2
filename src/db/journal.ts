// The committed migration journal, and which of its migrations a database has applied.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';
import { queryRows } from './rows.ts';

type JournalEntry = { tag: string; when: number };
const journal = JSON.parse(
  readFileSync(new URL('./migrations/meta/_journal.json', import.meta.url), 'utf8'),
) as { entries: JournalEntry[] };

/** The newest migration this build ships. */
export const newestMigration: JournalEntry = journal.entries.at(-1)!;

/** The newest migration the database has applied (drizzle stamps each with its journal time). */
export async function appliedMigration(db: DbOrTx): Promise<{ when: number; tag: string }> {
  const [r] = await queryRows<{ last: number | null }>(
    db,
    sql`select max(created_at)::bigint as last from drizzle.__drizzle_migrations`,
  );
  const when = Number(r?.last ?? 0);
  return { when, tag: journal.entries.find((e) => e.when === when)?.tag ?? `unknown (${when})` };
}
