// Journeys bench (see bench/README.md, "Journeys"): N accounts entering a three-step journey (task,
// wait 1 day, tag), the wake-up of N waits due at once against firing the same tag action without
// steps in the same database, and event → first step latency against a play without steps.
// Usage: npx node bench/journeys.ts [--n 100000] [--pg postgres://…] [--latency 50]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { queryRows } from '../src/db/rows.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { createDeps } from '../src/deps.ts';
import { attributeDefinitions, flows } from '../src/db/schema/index.ts';
import { createWorkspace } from '../src/workspaces/create-workspace.ts';
import { startJobs } from '../src/jobs/runtime.ts';
import { createPlay } from '../src/plays/manage-plays.ts';
import { enablePlay } from '../src/plays/enable-play.ts';
import { drainChanges } from '../src/plays/engine/process-changes.ts';
import { fireRunFor } from '../src/plays/engine/fire.ts';
import { drainJourneys } from '../src/plays/journeys/advance.ts';
import type { PlayInput } from '../src/plays/schema.ts';
import { recordChange } from '../src/events/record-change.ts';
import { actor } from '../src/test/harness.ts';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const N = Number(arg('n', '100000'));
const pgUrl = process.argv.includes('--pg') ? arg('pg', '') : '';
const latencyN = Number(arg('latency', '50'));
const emit = (result: Record<string, unknown>) =>
  console.log(`BENCH_JSON ${JSON.stringify(result)}`);
const load = () => os.loadavg()[0]!.toFixed(1);
const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
};

async function open(): Promise<{ database: Database; cleanup(): Promise<void> }> {
  if (!pgUrl) {
    const database = await openDatabase({ memory: true });
    await runMigrations(database);
    return { database, cleanup: async () => database.close() };
  }
  const name = `pm_bench_journeys_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), poolSize: 8 });
  database.pool?.on('error', () => undefined);
  await runMigrations(database);
  return {
    database,
    async cleanup() {
      await database.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

async function main() {
  const { database, cleanup } = await open();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pm-bench-j-'));
  let now = Date.now();
  const deps = createDeps(
    loadConfig({ PLAYMAKER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    database,
    {
      now: () => new Date(now),
    },
  );
  const jobs = await startJobs(deps, database, { work: false });
  const { workspace, admin } = await createWorkspace(deps.db, {
    name: 'Bench',
    admin: { email: `bench-${randomBytes(3).toString('hex')}@bench.test`, name: 'Bench' },
  });
  const ws = workspace.id;
  const [flow] = await deps.db.insert(flows).values({ workspaceId: ws, name: 'Bench' }).returning();
  await deps.db
    .insert(attributeDefinitions)
    .values({ workspaceId: ws, entity: 'account', key: 'health', label: 'Health', type: 'text' });
  const total = 2 * N + 2 * latencyN;
  const chunk = database.kind === 'pglite' ? 20_000 : 100_000;
  const segment = (g: string) => sql`case when ${sql.raw(g)} <= ${N}::int then 'journey'
    when ${sql.raw(g)} <= ${2 * N}::int then 'plain' else 'green' end`;
  for (let i = 0; i < total; i += chunk)
    await deps.db.execute(sql`insert into accounts (workspace_id, external_id, name, attributes)
      select ${ws}::uuid, 'b' || g, 'Account ' || g, jsonb_build_object('health', ${segment('g')})
      from generate_series(${i + 1}::int, ${Math.min(total, i + chunk)}::int) g`);
  await deps.db.execute(sql`analyze`);
  const who = actor({ id: admin.id, workspaceId: ws, role: 'admin' });
  const task = {
    type: 'create_task' as const,
    title: 'Call {{account.name}}',
    description: 'Hello',
    dueInDays: 3,
    flowId: flow!.id,
    assignee: { type: 'user' as const, userId: admin.id },
  };
  const mk = (name: string, value: string, over: Partial<PlayInput>) =>
    createPlay(deps, who, {
      name,
      description: 'bench',
      subject: 'accounts',
      collaboratorIds: [],
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value },
      options: { hierarchy: null, contactGrouping: 'per_contact' },
      actions: [],
      ...over,
    });
  console.log(`${database.kind}, ${os.cpus().length} cores, load ${load()}`);
  const journey = await mk('Journey', 'journey', {
    steps: [
      { id: 'call', type: 'action', action: task },
      {
        id: 'day',
        type: 'wait',
        duration: { n: 1, unit: 'days' },
        from: { kind: 'previous_step' },
      },
      { id: 'tag', type: 'action', action: { type: 'add_tag', tag: 'journeyed' } },
    ],
  });
  const plain = await mk('Plain', 'plain', { actions: [{ id: 'call', ...task }] });
  const [, enterMs] = await time(() => enablePlay(deps, who, journey.id, { fireNow: true }));
  const [, plainMs] = await time(() => enablePlay(deps, who, plain.id, { fireNow: true }));
  console.log(
    `${database.kind}: ${N} accounts entered the journey (first step: a task each) in ${(enterMs / 1000).toFixed(2)} s; the same task action without steps ${(plainMs / 1000).toFixed(2)} s; ratio ${(enterMs / plainMs).toFixed(2)}`,
  );
  // The wake-up: a day later every wait is due at once; against the same tag action fired without steps.
  now += 86_400_000 + 60_000;
  const [advanced, wakeMs] = await time(() =>
    drainJourneys(deps, { fireRunFor, maxMs: 3_600_000 }),
  );
  const tagOnly = await mk('Tag', 'plain', {
    actions: [{ id: 'tag', type: 'add_tag', tag: 'plain' }],
  });
  const [, tagMs] = await time(() => enablePlay(deps, who, tagOnly.id, { fireNow: true }));
  const [done] = await queryRows<{ n: number }>(
    deps.db,
    sql`select count(*)::int as n from journeys where play_id = ${journey.id}::uuid and end_reason = 'end'`,
  );
  console.log(
    `${database.kind}: ${advanced} due journeys advanced (wait → tag → end; ${done!.n} ended) in ${(wakeMs / 1000).toFixed(2)} s; the same tag action fired for ${N} accounts without steps ${(tagMs / 1000).toFixed(2)} s; ratio ${(wakeMs / tagMs).toFixed(2)}`,
  );
  // Event → first step: one account at a time enters through the outbox consumer, journey vs plain play.
  const latency = async (value: string, from: number) => {
    const out: number[] = [];
    const ids = await queryRows<{ id: string }>(
      deps.db,
      sql`select id from accounts where workspace_id = ${ws}::uuid and external_id = any(${`{${Array.from({ length: latencyN }, (_, i) => `b${from + i}`).join(',')}}`}::text[])`,
    );
    for (const { id } of ids) {
      const t0 = performance.now();
      await deps.db.transaction(async (tx) => {
        await tx.execute(
          sql`update accounts set attributes = attributes || ${JSON.stringify({ health: value })}::jsonb where id = ${id}::uuid`,
        );
        await recordChange(tx, {
          workspaceId: ws,
          entity: 'account',
          entityId: id,
          accountId: id,
          kind: 'updated',
        });
      });
      await drainChanges(deps, { maxMs: 10_000 });
      out.push(performance.now() - t0);
    }
    out.sort((a, b) => a - b);
    return { p50: out[Math.floor(out.length / 2)]!, p99: out[Math.floor(out.length * 0.99)]! };
  };
  const lj = await latency('journey', 2 * N + 1);
  const lp = await latency('plain', 2 * N + latencyN + 1);
  console.log(
    `${database.kind}: change → first step committed (in-process consumer) p50 ${lj.p50.toFixed(1)} ms / p99 ${lj.p99.toFixed(1)} ms; a play without steps p50 ${lp.p50.toFixed(1)} ms / p99 ${lp.p99.toFixed(1)} ms`,
  );
  emit({
    part: 'journeys',
    db: database.kind,
    n: N,
    enterMs,
    plainMs,
    wakeMs,
    tagMs,
    advanced,
    latencyP50: lj.p50,
    latencyP99: lj.p99,
    plainLatencyP50: lp.p50,
    plainLatencyP99: lp.p99,
    load: load(),
  });
  await jobs.stop();
  await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
