// Play-engine bench: one play firing for N entering accounts (set-based), against a plain
// INSERT … SELECT of N task rows in the same run, plus event → task latency over HTTP.
// Usage: npx node bench/plays.ts [--n 100000] [--pg postgres://…] [--latency 200]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { createDeps } from '../src/deps.ts';
import { flows, attributeDefinitions, teams, teamMembers } from '../src/db/schema/index.ts';
import { createWorkspace } from '../src/workspaces/create-workspace.ts';
import { createApiToken } from '../src/auth/tokens.ts';
import { buildApp } from '../src/http/app.ts';
import { startJobs } from '../src/jobs/runtime.ts';
import { createPlay } from '../src/plays/manage-plays.ts';
import { enablePlay } from '../src/plays/enable-play.ts';
import { drainChanges, processChanges } from '../src/plays/engine/process-changes.ts';
import { actor } from '../src/test/harness.ts';

const arg = (name: string, def?: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const N = Number(arg('n', '100000'));
const pgUrl = arg('pg');
const latencyUpdates = Number(arg('latency', '200'));

async function open(): Promise<{ database: Database; cleanup(): Promise<void> }> {
  if (!pgUrl) {
    const database = await openDatabase({ memory: true });
    await runMigrations(database);
    return { database, cleanup: async () => database.close() };
  }
  const name = `pm_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(pgUrl); u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), poolSize: 6 });
  database.pool?.on('error', () => undefined); // connections cut by the final drop database
  await runMigrations(database);
  return { database, async cleanup() { await database.close(); await admin.query(`drop database ${name} with (force)`); await admin.end(); } };
}

const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => { const t0 = performance.now(); const r = await f(); return [r, performance.now() - t0]; };

async function main() {
  const { database, cleanup } = await open();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pm-bench-'));
  const deps = createDeps(loadConfig({ PLAYMAKER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), database);
  const jobs = await startJobs(deps, database, { work: false });
  const { workspace, admin } = await createWorkspace(deps.db, { name: 'Bench', admin: { email: `bench-${randomBytes(3).toString('hex')}@bench.test`, name: 'Bench' } });
  const ws = workspace.id;
  const [flow] = await deps.db.insert(flows).values({ workspaceId: ws, name: 'Bench' }).returning();
  const [team] = await deps.db.insert(teams).values({ workspaceId: ws, name: 'T' }).returning();
  await deps.db.insert(teamMembers).values({ workspaceId: ws, teamId: team!.id, userId: admin.id });
  await deps.db.insert(attributeDefinitions).values({ workspaceId: ws, entity: 'account', key: 'health', label: 'Health', type: 'text' });
  for (let i = 0; i < N; i += 50_000) {
    await deps.db.execute(sql`insert into accounts (workspace_id, external_id, name, attributes)
      select ${ws}::uuid, 'b' || g, 'Account ' || g, '{"health":"red"}'::jsonb from generate_series(${i + 1}::int, ${Math.min(N, i + 50_000)}::int) g`);
  }
  await deps.db.execute(sql`analyze`);
  const who = actor({ id: admin.id, workspaceId: ws, role: 'admin' });
  const mk = (name: string) => createPlay(deps, who, {
    name, description: 'bench', subject: 'accounts', collaboratorIds: [], trigger: { type: 'enter' },
    criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' }, options: { hierarchy: null, contactGrouping: 'per_contact' },
    actions: [{ id: 'a', type: 'create_task', title: 'Call {{account.name}}', description: '<p>Health: {{account.attributes.health}}</p>', dueInDays: 3, flowId: flow!.id, assignee: { type: 'user', userId: admin.id } }],
  });
  const play = await mk('Bench play');
  const [, fireMs] = await time(() => enablePlay(deps, who, play.id, { fireNow: true }));
  const [[{ n }]] = [(await deps.db.execute(sql`select count(*)::int as n from tasks where play_id = ${play.id}::uuid`) as unknown as { rows: Array<{ n: number }> }).rows] as [[{ n: number }]];
  const [, plainMs] = await time(() => deps.db.execute(sql`insert into tasks (workspace_id, account_id, kind, title, description, flow_id, assignee_user_id, due_date, dedupe_key)
    select a.workspace_id, a.id, 'todo', 'Call ' || a.name, 'x', ${flow!.id}::uuid, ${admin.id}::uuid, current_date + 3, 'plain:' || a.id from accounts a where a.workspace_id = ${ws}::uuid`));
  console.log(`${database.kind}: play fired for ${N} entering accounts → ${n} tasks in ${(fireMs / 1000).toFixed(2)} s; plain INSERT…SELECT of ${N} tasks ${(plainMs / 1000).toFixed(2)} s; ratio ${(fireMs / plainMs).toFixed(1)}×`);

  // The firing wrote one outbox row per task; the engine consumes them before the latency phase.
  const [drained, drainMs] = await time(() => drainChanges(deps, { batchSize: 5000, maxMs: 600_000 }));
  console.log(`${database.kind}: engine consumed the ${drained} outbox rows of that firing in ${(drainMs / 1000).toFixed(2)} s`);
  if (latencyUpdates > 0) await latency(deps, database, ws, admin.id, flow!.id, who);
  await jobs.stop();
  await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Attribute updates over real HTTP at 50/s; a consumer loop polls the outbox; latency = PATCH sent → task row visible. */
async function latency(deps: ReturnType<typeof createDeps>, database: Database, ws: string, adminId: string, flowId: string, who: ReturnType<typeof actor>) {
  const play = await createPlay(deps, who, {
    name: 'Latency', description: 'bench', subject: 'accounts', collaboratorIds: [], trigger: { type: 'enter' },
    criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'hot' }, options: { hierarchy: null, contactGrouping: 'per_contact' },
    actions: [{ id: 'a', type: 'create_task', title: 'Hot', description: 'x', dueInDays: 1, flowId, assignee: { type: 'user', userId: adminId } }],
  });
  await enablePlay(deps, who, play.id, { fireNow: false });
  const ids = ((await deps.db.execute(sql`select id, version from accounts where workspace_id = ${ws}::uuid order by id limit ${latencyUpdates}`)) as unknown as { rows: Array<{ id: string; version: number }> }).rows;
  const app = await buildApp(deps);
  await app.listen({ port: 3157, host: '127.0.0.1' });
  const { token } = await createApiToken(deps.db, { workspaceId: ws, userId: adminId }, 'bench');
  let running = true;
  const consumer = (async () => { while (running) { if ((await processChanges(deps, { batchSize: 500 })) === 0) await new Promise((r) => setTimeout(r, 20)); } })();
  const sentAt = new Map<string, number>();
  const seen = new Map<string, number>();
  const watcher = (async () => {
    while (running) {
      const rows = ((await deps.db.execute(sql`select account_id from tasks where play_id = ${play.id}::uuid`)) as unknown as { rows: Array<{ account_id: string }> }).rows;
      const now = performance.now();
      for (const r of rows) if (!seen.has(r.account_id)) seen.set(r.account_id, now);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  for (const row of ids) {
    const t0 = performance.now();
    sentAt.set(row.id, t0);
    void fetch(`http://127.0.0.1:3157/api/v1/accounts/${row.id}`, {
      method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': `"${row.version}"` },
      body: JSON.stringify({ attributes: { health: 'hot' } }),
    });
    await new Promise((r) => setTimeout(r, 20));
  }
  const deadline = performance.now() + 30_000;
  while (seen.size < ids.length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  running = false;
  await consumer; await watcher;
  await app.close();
  const lat = [...seen.entries()].map(([id, t]) => t - sentAt.get(id)!).sort((a, b) => a - b);
  const pct = (q: number) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))]!;
  console.log(`${database.kind}: event → task latency at 50 updates/s over HTTP (${lat.length}/${ids.length} seen): p50 ${pct(0.5).toFixed(0)} ms, p99 ${pct(0.99).toFixed(0)} ms`);
}

main().catch((err) => { console.error(err); process.exit(1); });
