import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../config.ts';
import type { Actor, Clock, Deps } from '../context.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { createDeps } from '../deps.ts';
import { buildApp, type App } from '../http/app.ts';
import { TestClock as BossTestClock } from 'pg-boss';
import { startJobs, type JobsRuntime } from '../jobs/runtime.ts';
import { allJobs } from '../jobs/all-jobs.ts';
import type { JobDefinition } from '../jobs/registry.ts';
import { migrationsHash, pgliteSnapshot } from './pglite-snapshot.ts';

/** A clock tests can move: `clock.set('2026-03-01T09:00:00Z')`, `clock.advanceDays(3)`. */
export type TestClock = Clock & {
  set(iso: string): void;
  advanceDays(n: number): void;
  advanceMs(n: number): void;
};
export function testClock(start = '2026-03-02T09:00:00Z'): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso) => {
      t = new Date(iso).getTime();
    },
    advanceDays: (n) => {
      t += n * 86_400_000;
    },
    advanceMs: (n) => {
      t += n;
    },
  };
}

export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

/**
 * A fresh, migrated database for one test file: in-memory PGlite loaded from a migrated snapshot
 * (test/pglite-snapshot.ts) by default, or a new PostgreSQL database (cloned from a migrated
 * template) when TEST_DATABASE_URL is set.
 */
export async function testDatabase(): Promise<Database & { url?: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  // PGlite starts from the migrated snapshot: no initdb, no migrations.
  if (!adminUrl) return openDatabase({ memory: true, loadDataDir: await pgliteSnapshot() });
  const name = `pm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await ensureTemplate(admin, adminUrl);
    await admin.query(`create database ${name} template ${templateName}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ url, poolSize: 8 });
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await c.end();
    },
  };
}

// The template is named after the migrations (as the PGlite snapshot is), so adding a migration
// builds a fresh one instead of cloning a stale schema.
const templateName = `pm_test_tpl_${migrationsHash()}`;

// Test files run in parallel: one builds the template under an advisory lock, the rest wait for it.
async function ensureTemplate(admin: pg.Client, adminUrl: string) {
  await admin.query('select pg_advisory_lock(424242)');
  try {
    const found = await admin.query(`select 1 from pg_database where datname = $1`, [templateName]);
    if (found.rowCount) return;
    await admin.query(`create database ${templateName}`);
    const db = await openDatabase({ url: withDatabase(adminUrl, templateName), poolSize: 1 });
    await runMigrations(db);
    await db.close();
  } finally {
    await admin.query('select pg_advisory_unlock(424242)');
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export type TestContext = {
  deps: Deps;
  app: App;
  clock: TestClock;
  database: Database;
  dataDir: string;
  jobs: JobsRuntime;
  close(): Promise<void>;
};

/** A fixed key so tests never write one into a data dir; production keys come from the env or secret.key. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * Database + deps + Fastify app (driven with `app.inject`, no sockets) for one test file. The job
 * queue is started without workers: jobs run when the test calls `runPendingJobs(t)`.
 */
export async function testContext(
  opts: {
    env?: Record<string, string>;
    /** Run pg-boss workers in the background (default off: use runPendingJobs). */
    workers?: boolean;
    /** Extra job types for this test file, served along with allJobs. */
    jobs?: JobDefinition<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  } = {},
): Promise<TestContext> {
  const database = await testDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pm-test-'));
  const config = loadConfig({
    PLAYMAKER_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PLAYMAKER_SECRET_KEY: TEST_SECRET_KEY,
    ...opts.env,
  });
  const clock = testClock();
  const deps = createDeps(config, database, clock);
  // pg-boss reads "now" from this clock, moved to the test clock's time before each drain.
  const jobs = await startJobs(deps, database, {
    work: opts.workers ?? false,
    bossClock: new BossTestClock(clock.now()),
    poolSize: 2,
    ...(opts.jobs ? { jobs: [...allJobs, ...opts.jobs] } : {}),
  });
  const app = await buildApp(deps);
  await app.ready();
  return {
    deps,
    app,
    clock,
    database,
    dataDir,
    jobs,
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs every job due at the test clock's current time (and the jobs they enqueue), optionally only
 * one job type; returns how many ran. Deterministic: no workers, no timers.
 */
export function runPendingJobs(t: Pick<TestContext, 'jobs'>, jobName?: string): Promise<number> {
  return t.jobs.drain(jobName ? { names: [jobName] } : {});
}

/** Builds the Actor a use case expects, for tests that call use cases directly. */
export function actor(
  user: { id: string; workspaceId: string; role: Actor['role']; name?: string; email?: string },
  teamIds: string[] = [],
): Actor {
  return {
    userId: user.id,
    workspaceId: user.workspaceId,
    role: user.role,
    name: user.name ?? 'Test',
    email: user.email ?? 'test@example.com',
    teamIds,
    via: 'token',
  };
}
