// For tests of concurrent writes (PostgreSQL): knowing that a request under test is waiting on a lock.
import type pg from 'pg';

/** Waits until some statement is blocked on a lock (the request under test reached the contested row). */
export async function waitForLockWait(client: pg.Client): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_locks where not granted`,
    );
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('no statement ever waited for a lock');
}
