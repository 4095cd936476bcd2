// Play-engine bench (see bench/README.md, "Plays"): one play firing for N entering accounts
// (set-based) against a plain INSERT … SELECT of N task rows in the same database, then event → task
// latency over real HTTP with the real outbox consumer (LISTEN/NOTIFY on PostgreSQL).
// Usage: npx node bench/plays.ts [--n 100000] [--pg postgres://…] [--latency 300] [--rate 50] [--explain] [--in-process]
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { queryRows } from '../src/db/rows.ts';
import { uuidArray } from '../src/db/arrays.ts';
import type { Deps } from '../src/context.ts';
import { teamMembers, teams } from '../src/db/schema/index.ts';
import { createApiToken } from '../src/auth/tokens.ts';
import { buildApp } from '../src/http/app.ts';
import { enablePlay } from '../src/plays/enable-play.ts';
import { drainChanges } from '../src/plays/engine/process-changes.ts';
import { startChangeConsumer } from '../src/plays/engine/consumer.ts';
import { actor } from '../src/test/harness.ts';
import { benchWorkspace, callTask, emit, engineBench, flag, time } from './engine-bench.ts';
import { startServer } from './server.ts';

const N = Number(flag('n') ?? '100000');
const pgUrl = flag('pg');
const latencyUpdates = Number(flag('latency') ?? '300');
const rate = Number(flag('rate') ?? '50');
/** Accounts the bench needs beyond N: the latency phase's updates plus two seconds of warm-up. */
const extra = latencyUpdates > 0 ? latencyUpdates + Math.round(rate * 2) : 0;
const explain = process.argv.includes('--explain');
/** Run the API and the consumer in this process on PostgreSQL too (for --cpu-prof of the engine). */
const inProcess = process.argv.includes('--in-process');
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const rows = <T>(db: Database['db'], q: ReturnType<typeof sql>) => queryRows<T>(db, q);

/** --explain: every statement over 200 ms prints its EXPLAIN (ANALYZE, BUFFERS) plan (auto_explain, sent to this client). */
function explainSlowStatements(database: Database) {
  database.pool?.on('connect', (c) => {
    // Id arrays of whole chunks are elided so the plan stays readable.
    c.on('notice', (m) => {
      if (m.message?.startsWith('duration:'))
        console.log(
          `\n[explain] ${m.message.replace(/'\{[0-9a-f,-]{200,}\}'/g, "'{…ids…}'").slice(0, 30_000)}`,
        );
    });
    void c.query(`load 'auto_explain'; set auto_explain.log_min_duration = 200; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on;
      set auto_explain.log_nested_statements = on; set client_min_messages = log`);
  });
}

async function main() {
  const bench = await engineBench({
    name: 'pm_bench_plays',
    pgUrl,
    ...(explain ? { configure: explainSlowStatements } : {}),
  });
  const { database, deps } = bench;
  const { ws, adminId, flowId, who, addAccounts, play: healthPlay } = await benchWorkspace(bench);
  const [team] = await deps.db.insert(teams).values({ workspaceId: ws, name: 'T' }).returning();
  await deps.db.insert(teamMembers).values({ workspaceId: ws, teamId: team!.id, userId: adminId });
  await addAccounts({
    total: Math.max(N, extra),
    prefix: 'b',
    health: sql`case when g <= ${N}::int then 'red' else 'green' end`,
  });
  const mk = (name: string, value: string) =>
    healthPlay(name, value, { actions: [{ id: 'a', ...callTask(flowId, adminId) }] });
  console.log(
    `${database.kind}, ${os.cpus().length} cores, load average ${load()} (1/5/15 min) at start`,
  );

  if (N > 0) {
    const play = await mk('Bench play', 'red');
    // The same task rows by a plain INSERT … SELECT, once before and once after the firing (the mean is the baseline).
    const plain = (tag: string) =>
      time(() =>
        deps.db
          .execute(sql`insert into tasks (workspace_id, account_id, kind, title, description, flow_id, assignee_user_id, due_date, dedupe_key)
      select a.workspace_id, a.id, 'todo', 'Call ' || a.name, '<p>Health: red</p>', ${flowId}::uuid, ${adminId}::uuid, current_date + 3, ${tag} || a.id
      from accounts a where a.workspace_id = ${ws}::uuid and a.attributes->>'health' = 'red'`),
      );
    const loads = [load()];
    const [, plainBefore] = await plain('plain-a:');
    loads.push(load());
    const [, fireMs] = await time(() => enablePlay(deps, who, play.id, { fireNow: true }));
    loads.push(load());
    const [, plainAfter] = await plain('plain-b:');
    loads.push(load());
    const plainMs = (plainBefore + plainAfter) / 2;
    const [{ n } = { n: 0 }] = await rows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from tasks where play_id = ${play.id}::uuid`,
    );
    console.log(
      `${database.kind}: play fired for ${N} entering accounts → ${n} tasks in ${(fireMs / 1000).toFixed(2)} s; ` +
        `plain INSERT…SELECT of the same ${N} task rows ${(plainBefore / 1000).toFixed(2)} s before / ${(plainAfter / 1000).toFixed(2)} s after; ` +
        `plain/fire ratio ${(plainMs / fireMs).toFixed(2)} (load ${loads.join(' → ')})`,
    );
    emit({
      part: 'firing',
      db: database.kind,
      n: N,
      tasks: n,
      fireMs,
      plainBeforeMs: plainBefore,
      plainAfterMs: plainAfter,
      load: loads[0],
    });
    const [writes] = await rows<{
      timeline: number;
      results: number;
      outbox: number;
      members: number;
    }>(
      deps.db,
      sql`select
      (select count(*)::int from timeline_events where workspace_id = ${ws}::uuid) as timeline,
      (select count(*)::int from play_run_results where play_id = ${play.id}::uuid) as results,
      (select count(*)::int from change_events where workspace_id = ${ws}::uuid and processed_at is null) as outbox,
      (select count(*)::int from play_memberships where play_id = ${play.id}::uuid) as members`,
    );
    console.log(
      `${database.kind}: rows written by the firing: ${writes!.members} memberships, ${n} tasks, ${writes!.timeline} timeline events, ${writes!.results} run results, ${writes!.outbox} outbox rows`,
    );
    const [drained, drainMs] = await time(() =>
      drainChanges(deps, { batchSize: 5000, maxMs: 600_000 }),
    );
    console.log(
      `${database.kind}: engine consumed ${drained} pending outbox rows in ${(drainMs / 1000).toFixed(2)} s`,
    );
  }
  if (latencyUpdates > 0) await latency(deps, database, ws, adminId, mk);
  await bench.close();
}

/**
 * Attribute updates over real HTTP at `rate`/s to accounts that then enter a play. PostgreSQL: the
 * real server (`npx node src/main.ts serve`, workers and consumer included) runs as a child process;
 * PGlite: the app and the consumer run in this process (PGlite cannot be shared). A trigger on the
 * bench database notifies this process when a task of the play is inserted, so latency = PATCH
 * sent → task committed, measured without polling.
 */
async function latency(
  deps: Deps,
  database: Database,
  ws: string,
  adminId: string,
  mk: (name: string, value: string) => Promise<{ id: string }>,
) {
  const play = await mk('Latency', 'hot');
  await enablePlay(deps, actor({ id: adminId, workspaceId: ws, role: 'admin' }), play.id, {
    fireNow: false,
  });
  // The first two seconds of updates warm the server up (JIT, connections) and are not recorded.
  const warm = Math.round(rate * 2);
  const all = await rows<{ id: string; version: number }>(
    deps.db,
    sql`select id, version from accounts where workspace_id = ${ws}::uuid order by id limit ${latencyUpdates + warm}`,
  );
  const ids = all.slice(warm);
  const { token } = await createApiToken(deps.db, { workspaceId: ws, userId: adminId }, 'bench');
  await deps.db.execute(
    sql.raw(`create function bench_task_seen() returns trigger language plpgsql as $$
    begin perform pg_notify('bench_tasks', new.account_id::text); return null; end $$`),
  );
  await deps.db.execute(
    sql.raw(
      `create trigger bench_task_seen after insert on tasks for each row when (new.play_id = '${play.id}') execute function bench_task_seen()`,
    ),
  );
  await deps.db.execute(
    sql.raw(`create function bench_change_seen() returns trigger language plpgsql as $$
    begin perform pg_notify('bench_tasks', 'change:' || new.entity_id::text); return null; end $$`),
  );
  await deps.db.execute(
    sql.raw(
      `create trigger bench_change_seen after insert on change_events for each row execute function bench_change_seen()`,
    ),
  );
  const seen = new Map<string, number>();
  const committed = new Map<string, number>();
  // 'change:<id>': the PATCH committed (its outbox row); '<id>': the play's task committed.
  const onTask = (p: string) => {
    const m = p.startsWith('change:') ? committed : seen;
    const id = p.replace(/^change:/, '');
    if (!m.has(id)) m.set(id, performance.now());
  };
  let stopServer: () => Promise<void>;
  let baseUrl: string;
  let unlisten: () => Promise<void>;
  if (database.kind === 'postgres' && !inProcess) {
    const server = await startServer({
      databaseUrl: database.pool!.options.connectionString!,
      port: 3157,
      cwd: path.resolve(import.meta.dirname, '..'),
    });
    stopServer = async () => {
      if (ids.some((r) => !seen.has(r.id)))
        console.log(`server output (tail):\n${server.output().slice(-4000)}`);
      await server.stop();
    };
    baseUrl = server.baseUrl;
    unlisten = await listenPg(database, onTask);
  } else {
    const app = await buildApp(deps);
    await app.listen({ port: 3157, host: '127.0.0.1' });
    const consumer = startChangeConsumer(deps, database);
    await consumer.ready;
    stopServer = async () => {
      await consumer.stop();
      await app.close();
    };
    baseUrl = 'http://127.0.0.1:3157';
    unlisten =
      database.kind === 'pglite'
        ? await database.pglite!.listen('bench_tasks', onTask)
        : await listenPg(database, onTask);
  }
  const sentAt = new Map<string, number>();
  const answered: number[] = [];
  const failed = new Map<string, number>();
  const before = load();
  const start = performance.now();
  for (const [i, row] of all.entries()) {
    // Open-model schedule: each request starts at its slot whatever the previous ones did.
    const slot = start + (i * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, slot - performance.now())));
    const t0 = performance.now();
    if (i >= warm) sentAt.set(row.id, t0);
    void fetch(`${baseUrl}/api/v1/accounts/${row.id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'if-match': `"${row.version}"`,
      },
      body: JSON.stringify({ attributes: { health: 'hot' } }),
    }).then(
      async (res) => {
        await res.arrayBuffer();
        if (!res.ok) failed.set(String(res.status), (failed.get(String(res.status)) ?? 0) + 1);
        else if (i >= warm) answered.push(performance.now() - t0);
      },
      (err: Error) => failed.set(err.message, (failed.get(err.message) ?? 0) + 1),
    );
  }
  const deadline = performance.now() + 60_000;
  while (ids.some((r) => !seen.has(r.id)) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const after = load();
  const missing = ids.filter((r) => !seen.has(r.id)).map((r) => r.id);
  if (missing.length) {
    const [state] = await rows<{ members: number; tasks: number; pending: number }>(
      deps.db,
      sql`select
      (select count(*)::int from play_memberships where play_id = ${play.id}::uuid and record_id = any(${uuidArray(missing)})) as members,
      (select count(*)::int from tasks where play_id = ${play.id}::uuid and account_id = any(${uuidArray(missing)})) as tasks,
      (select count(*)::int from change_events where processed_at is null) as pending`,
    );
    console.log(
      `${missing.length} updates produced no task notification in 60 s: ${JSON.stringify(state)}`,
    );
  }
  await unlisten();
  await stopServer();
  const pct = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
  };
  const lat = ids.filter((r) => seen.has(r.id)).map((r) => seen.get(r.id)! - sentAt.get(r.id)!);
  const engine = ids
    .filter((r) => seen.has(r.id) && committed.has(r.id))
    .map((r) => seen.get(r.id)! - committed.get(r.id)!);
  console.log(
    `${database.kind}: event → task latency at ${rate} updates/s over HTTP (${lat.length}/${ids.length} seen${database.kind === 'postgres' && !inProcess ? ', server in a child process' : ', server in this process'}): ` +
      `p50 ${pct(lat, 0.5).toFixed(0)} ms, p99 ${pct(lat, 0.99).toFixed(0)} ms, max ${pct(lat, 1).toFixed(0)} ms; ` +
      `of which PATCH commit → task committed p50 ${pct(engine, 0.5).toFixed(0)} ms, p99 ${pct(engine, 0.99).toFixed(0)} ms; ` +
      `PATCH response p50 ${pct(answered, 0.5).toFixed(0)} ms, p99 ${pct(answered, 0.99).toFixed(0)} ms (load ${before} → ${after})` +
      (failed.size ? `; failed requests ${JSON.stringify(Object.fromEntries(failed))}` : ''),
  );
  emit({
    part: 'latency',
    db: database.kind,
    rate,
    updates: ids.length,
    seen: lat.length,
    p50: pct(lat, 0.5),
    p99: pct(lat, 0.99),
    max: pct(lat, 1),
    engineP50: pct(engine, 0.5),
    engineP99: pct(engine, 0.99),
    failed: [...failed.values()].reduce((a, b) => a + b, 0),
    load: before,
  });
}

/** LISTEN on a dedicated connection; returns the function that closes it. */
async function listenPg(
  database: Database,
  onPayload: (p: string) => void,
): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: database.pool!.options.connectionString });
  await client.connect();
  client.on('notification', (n) => onPayload(n.payload ?? ''));
  await client.query('listen bench_tasks');
  return () => client.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
