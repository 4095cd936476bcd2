// What the engine benches (bench/plays.ts, bench/journeys.ts, bench/firing-floor.ts) share: their
// flags, a throw-away database with the engine's deps and job queue, a workspace with the accounts
// they fire for and plays on accounts entering a health, and the timing and BENCH_JSON output.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import type { Actor, Clock, Deps } from '../src/context.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { attributeDefinitions, flows } from '../src/db/schema/index.ts';
import { createDeps } from '../src/deps.ts';
import { startJobs } from '../src/jobs/runtime.ts';
import { createPlay } from '../src/plays/manage-plays.ts';
import type { PlayInput } from '../src/plays/schema.ts';
import { actor } from '../src/test/harness.ts';
import { createWorkspace } from '../src/workspaces/create-workspace.ts';
import { loopbackOnly } from './database.ts';

/** The value after `--<name>` on the command line, if given. */
export function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** One machine-readable result line for `npm run bench` (bench/engine-parts.ts), besides the prose. */
export const emit = (result: Record<string, unknown>) =>
  console.log(`BENCH_JSON ${JSON.stringify(result)}`);

/** `f`'s result and its wall time in ms. */
export async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

export type EngineBench = {
  database: Database;
  deps: Deps;
  dataDir: string;
  /** Stops the job queue, closes (and on PostgreSQL drops) the database, removes the data dir. */
  close(): Promise<void>;
};

/**
 * A migrated throw-away database — in-memory PGlite, or with `pgUrl` a new database `<name>_<random>`
 * on that loopback PostgreSQL — with the engine's deps (`clock` for a bench that moves time) and a
 * job queue that sends but does not work. `configure` runs on the database before the migrations.
 */
export async function engineBench(o: {
  name: string;
  pgUrl?: string | undefined;
  poolSize?: number;
  clock?: Clock;
  configure?: (database: Database) => void;
}): Promise<EngineBench> {
  let database: Database;
  let drop = async () => {};
  if (!o.pgUrl) database = await openDatabase({ memory: true });
  else {
    loopbackOnly(o.pgUrl);
    const name = `${o.name}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: o.pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(o.pgUrl);
    u.pathname = `/${name}`;
    database = await openDatabase({ url: u.toString(), poolSize: o.poolSize ?? 8 });
    database.pool?.on('error', () => undefined); // connections cut by the final drop database
    drop = async () => {
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    };
  }
  o.configure?.(database);
  await runMigrations(database);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `${o.name}-`));
  const deps = createDeps(
    loadConfig({ PLAYMAKER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    database,
    o.clock,
  );
  const jobs = await startJobs(deps, database, { work: false });
  return {
    database,
    deps,
    dataDir,
    async close() {
      await jobs.stop();
      await database.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a bench does in one workspace, acting as `who`. */
export type OnWorkspace = {
  ws: string;
  who: Actor;
  /**
   * Accounts `<prefix>1` … `<prefix><total>` in set-based chunks, their `health` the text
   * expression `health` of the series number `g`; then ANALYZE.
   */
  addAccounts(o: { total: number; prefix: string; health: SQL }): Promise<void>;
  /** A play on accounts whose health becomes `health`; `over` adds its actions or steps. */
  play(name: string, health: string, over: Partial<PlayInput>): ReturnType<typeof createPlay>;
};

export function onWorkspace({ database, deps }: EngineBench, ws: string, who: Actor): OnWorkspace {
  return {
    ws,
    who,
    async addAccounts(o) {
      const chunk = database.kind === 'pglite' ? 20_000 : 100_000;
      for (let i = 0; i < o.total; i += chunk)
        await deps.db.execute(sql`insert into accounts (workspace_id, external_id, name, attributes)
          select ${ws}::uuid, ${o.prefix} || g, 'Account ' || g, jsonb_build_object('health', ${o.health})
          from generate_series(${i + 1}::int, ${Math.min(o.total, i + chunk)}::int) g`);
      await deps.db.execute(sql`analyze`);
    },
    play: (name, health, over) =>
      createPlay(deps, who, {
        name,
        description: 'bench',
        subject: 'accounts',
        collaboratorIds: [],
        trigger: { type: 'enter' },
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: health },
        options: { hierarchy: null, contactGrouping: 'per_contact' },
        actions: [],
        ...over,
      }),
  };
}

/** A new workspace with its admin (acting), one flow and the account attribute `health` the plays select on. */
export async function benchWorkspace(
  bench: EngineBench,
): Promise<OnWorkspace & { adminId: string; flowId: string }> {
  const { db } = bench.deps;
  const { workspace, admin } = await createWorkspace(db, {
    name: 'Bench',
    admin: { email: `bench-${randomBytes(3).toString('hex')}@bench.test`, name: 'Bench' },
  });
  const ws = workspace.id;
  const [flow] = await db.insert(flows).values({ workspaceId: ws, name: 'Bench' }).returning();
  await db
    .insert(attributeDefinitions)
    .values({ workspaceId: ws, entity: 'account', key: 'health', label: 'Health', type: 'text' });
  const who = actor({ id: admin.id, workspaceId: ws, role: 'admin' });
  return { ...onWorkspace(bench, ws, who), adminId: admin.id, flowId: flow!.id };
}

/** The create-task action the benches fire: a call for `assigneeId` naming the account's health. */
export const callTask = (flowId: string, assigneeId: string) => ({
  type: 'create_task' as const,
  title: 'Call {{account.name}}',
  description: '<p>Health: {{account.attributes.health}}</p>',
  dueInDays: 3,
  flowId,
  assignee: { type: 'user' as const, userId: assigneeId },
});
