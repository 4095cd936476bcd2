// Helpers of bench/firing-floor.ts: COPY of a firing's task rows on both databases, and where an
// insert's time goes (foreign-key triggers from EXPLAIN ANALYZE, each index's share of the COPY).
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../src/db/client.ts';

export type CopiedRows = { into(table: string): Promise<void> };

/**
 * The firing's task rows (dedupe keys `<play>:…`) written out once by COPY, to be COPYed into other
 * tables: a server-side file on PostgreSQL (the server reads it itself, as a load would), PGlite's
 * `/dev/blob` in the embedded database.
 */
export async function copyRows(
  database: Database,
  dir: string,
  playId: string,
): Promise<CopiedRows> {
  const select = `select * from tasks where play_id = '${playId}' and dedupe_key like '${playId}:%'`;
  if (database.kind === 'pglite') {
    const pglite = database.pglite!;
    const out = await pglite.query(`copy (${select}) to '/dev/blob'`);
    const blob = out.blob!;
    return {
      async into(table) {
        await pglite.query(`copy ${table} from '/dev/blob'`, [], { blob });
      },
    };
  }
  const file = path.join(dir, 'tasks.copy');
  await database.db.execute(sql.raw(`copy (${select}) to '${file}'`));
  return {
    async into(table) {
      await database.db.execute(sql.raw(`copy ${table} from '${file}'`));
    },
  };
}

type Plan = {
  Triggers?: Array<{
    'Trigger Name': string;
    'Constraint Name'?: string;
    Time: number;
    Calls: number;
  }>;
};

/** Runs `insert` under EXPLAIN ANALYZE in a rolled-back transaction and prints each trigger's time. */
export async function triggerBreakdown(db: Db, insert: SQL, log: (s: string) => void) {
  let plan: Plan | undefined;
  await db
    .transaction(async (tx) => {
      const res = (await tx.execute(sql`explain (analyze, format json) ${insert}`)) as unknown as {
        rows: Array<Record<string, unknown>>;
      };
      const raw = Object.values(res.rows[0]!)[0];
      plan = (typeof raw === 'string' ? JSON.parse(raw) : raw)[0] as Plan;
      tx.rollback();
    })
    .catch((err: Error) => {
      if (!/rollback/i.test(err.message)) throw err;
    });
  const triggers = [...(plan?.Triggers ?? [])].sort((a, b) => b.Time - a.Time);
  const sum = triggers.reduce((a, t) => a + t.Time, 0);
  log(`foreign-key and other triggers of INSERT … SELECT into tasks: ${(sum / 1000).toFixed(2)} s`);
  for (const t of triggers)
    log(
      `  ${t['Constraint Name'] ?? t['Trigger Name']}: ${(t.Time / 1000).toFixed(2)} s (${t.Calls} calls)`,
    );
}

/**
 * Each secondary index's share of the COPY: the rows COPYed into a table with `tasks`' columns and
 * primary key only, then with each index alone added; the difference is that index's cost (best of
 * three and of two, to damp a shared machine's noise).
 */
export async function indexBreakdown(db: Db, copy: CopiedRows, log: (s: string) => void) {
  const res = (await db.execute(sql`select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.schemaname = 'public' and i.tablename = 'tasks' and i.indexname <> 'tasks_pkey' order by 1`)) as unknown as {
    rows: Array<{ name: string; def: string }>;
  };
  await db.execute(sql.raw('create table task_floor_pk (like tasks including defaults)'));
  await db.execute(sql.raw('alter table task_floor_pk add primary key (id)'));
  const timed = async () => {
    await db.execute(sql.raw('truncate task_floor_pk'));
    const t0 = performance.now();
    await copy.into('task_floor_pk');
    return performance.now() - t0;
  };
  const base = Math.min(await timed(), await timed(), await timed());
  log(
    `COPY into tasks' columns and primary key only: ${(base / 1000).toFixed(2)} s; each index added alone:`,
  );
  for (const { name, def } of res.rows) {
    const own = def
      .replace(/ INDEX \S+ ON /, ` INDEX bench_${name} ON `)
      .replace(/ ON (public\.)?tasks /, ' ON task_floor_pk ');
    await db.execute(sql.raw(own));
    const ms = Math.min(await timed(), await timed());
    log(`  + ${name}: +${((ms - base) / 1000).toFixed(2)} s`);
    await db.execute(sql.raw(`drop index bench_${name}`));
  }
}
