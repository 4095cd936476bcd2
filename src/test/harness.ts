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

/** A clock tests can move: `clock.set('2026-03-01T09:00:00Z')`, `clock.advanceDays(3)`. */
export type TestClock = Clock & { set(iso: string): void; advanceDays(n: number): void; advanceMs(n: number): void };
export function testClock(start = '2026-03-02T09:00:00Z'): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso) => { t = new Date(iso).getTime(); },
    advanceDays: (n) => { t += n * 86_400_000; },
    advanceMs: (n) => { t += n; },
  };
}

export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new PostgreSQL
 * database (cloned from a migrated template) when TEST_DATABASE_URL is set.
 */
export async function testDatabase(): Promise<Database & { url?: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({ memory: true });
    await runMigrations(database);
    return database;
  }
  const name = `pm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await ensureTemplate(admin, adminUrl);
    await admin.query(`create database ${name} template pm_test_template`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ url, poolSize: 8 });
  return {
    ...database, url,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await c.end();
    },
  };
}

// Test files run in parallel: one builds the template under an advisory lock, the rest wait for it.
async function ensureTemplate(admin: pg.Client, adminUrl: string) {
  await admin.query('select pg_advisory_lock(424242)');
  try {
    const found = await admin.query(`select 1 from pg_database where datname = 'pm_test_template'`);
    if (found.rowCount) return;
    await admin.query('create database pm_test_template');
    const db = await openDatabase({ url: withDatabase(adminUrl, 'pm_test_template'), poolSize: 1 });
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

export type TestContext = { deps: Deps; app: App; clock: TestClock; database: Database; dataDir: string; close(): Promise<void> };

/** Database + deps + Fastify app (driven with `app.inject`, no sockets) for one test file. */
export async function testContext(opts: { env?: Record<string, string> } = {}): Promise<TestContext> {
  const database = await testDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pm-test-'));
  const config = loadConfig({ PLAYMAKER_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...opts.env });
  const clock = testClock();
  const deps = createDeps(config, database, clock);
  const app = await buildApp(deps);
  await app.ready();
  return {
    deps, app, clock, database, dataDir,
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Builds the Actor a use case expects, for tests that call use cases directly. */
export function actor(user: { id: string; workspaceId: string; role: Actor['role']; name?: string; email?: string }, teamIds: string[] = []): Actor {
  return { userId: user.id, workspaceId: user.workspaceId, role: user.role, name: user.name ?? 'Test', email: user.email ?? 'test@example.com', teamIds, via: 'token' };
}
