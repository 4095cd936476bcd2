// For tests of concurrent writes (PostgreSQL): a request run while another transaction holds the row it needs.
import pg from 'pg';
import type { TestContext } from './harness.ts';

/** Waits until some statement is blocked on a lock (the request under test reached the contested row). */
async function waitForLockWait(client: pg.Client): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_locks where not granted`,
    );
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('no statement ever waited for a lock');
}

/**
 * Runs `request` while another connection to the test's PostgreSQL database holds an uncommitted
 * `hold` (SQL with `$n` parameters); once the request waits on that transaction's lock, the other
 * commits. Resolves with the request's answer.
 */
export async function whileAnotherTransactionHolds<T>(
  t: TestContext,
  hold: { sql: string; params: unknown[] },
  request: () => PromiseLike<T>,
): Promise<T> {
  const url = (t.database as { url?: string }).url;
  if (!url) throw new Error('a second transaction needs PostgreSQL (TEST_DATABASE_URL)');
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    await other.query('begin');
    await other.query(hold.sql, hold.params);
    const pending = request();
    await waitForLockWait(other);
    await other.query('commit');
    return await pending;
  } finally {
    await other.end();
  }
}
