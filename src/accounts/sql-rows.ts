import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Splits a list into pieces of at most `size` (bulk statements stay ≤ 5,000 rows). */
export function chunked<T>(list: T[], size = 5000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
