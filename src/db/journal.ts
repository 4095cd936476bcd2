// The committed migration journal, and which of its migrations a database has applied.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';

type JournalEntry = { tag: string; when: number };
const journal = JSON.parse(
  readFileSync(new URL('./migrations/meta/_journal.json', import.meta.url), 'utf8'),
) as { entries: JournalEntry[] };

/** The newest migration this build ships. */
export const newestMigration: JournalEntry = journal.entries.at(-1)!;

/** The newest migration the database has applied (drizzle stamps each with its journal time). */
export async function appliedMigration(db: DbOrTx): Promise<{ when: number; tag: string }> {
  const r = (await db.execute(
    sql`select max(created_at)::bigint as last from drizzle.__drizzle_migrations`,
  )) as unknown as { rows: Array<{ last: number | null }> };
  const when = Number(r.rows[0]?.last ?? 0);
  return { when, tag: journal.entries.find((e) => e.when === when)?.tag ?? `unknown (${when})` };
}
