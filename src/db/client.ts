import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';

/** Both drivers' databases share Drizzle's PostgreSQL base type, so use cases see one API. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; use cases accept `Db | Tx` so they compose inside a caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Raw PGlite instance (embedded mode) for pg-boss's adapter. */
  pglite?: PGlite;
  /** Raw pool (PostgreSQL mode). */
  pool?: pg.Pool;
  /**
   * PostgreSQL mode: the URL for session-bound work — migrations under a session advisory lock and
   * the change listener's LISTEN — which cannot go through PgBouncer in transaction mode. The pool's
   * own URL unless a direct one was given.
   */
  directUrl?: string;
  close(): Promise<void>;
};

// Return DATE columns as 'YYYY-MM-DD' strings and int8 counts as numbers on both drivers.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));

/** `directUrl`: a direct (not pooled) server for migrations and LISTEN when `url` goes through a pooler. */
export async function openDatabase(opts: {
  url?: string;
  directUrl?: string;
  dataDir?: string;
  memory?: boolean;
  /** In memory: start from this data-dir tarball (PGlite's dumpDataDir) instead of running initdb. */
  loadDataDir?: Blob;
  poolSize?: number;
}): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool discards it and the next query opens a fresh one.
    let closing = false;
    pool.on('error', (err) => {
      if (!closing) console.error(`database connection lost: ${err.message}`);
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      pool,
      directUrl: opts.directUrl ?? opts.url,
      close: () => {
        closing = true;
        return pool.end();
      },
    };
  }
  let pglite: PGlite;
  if (opts.memory) {
    pglite = new PGlite({
      parsers: { 1082: (v: string) => v, 20: (v: string) => Number(v) },
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
  } else {
    const dir = `${opts.dataDir}/pgdata`;
    mkdirSync(dir, { recursive: true });
    pglite = new PGlite(dir, { parsers: { 1082: (v: string) => v, 20: (v: string) => Number(v) } });
  }
  await pglite.waitReady;
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return { db, kind: 'pglite', pglite, close: () => pglite.close() };
}
