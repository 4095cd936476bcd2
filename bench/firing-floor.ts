// Firing vs floor (issue 10; see bench/README.md, "Firing against the floor"): in one run and one
// database, the real engine fires a play for N entering accounts, then the same task rows are COPYed
// into a table with `tasks`' columns and indexes but no foreign keys and no triggers — what
// PostgreSQL itself needs to store and index them. The ratio firing ÷ floor is the figure that counts.
// Usage: npx node bench/firing-floor.ts [--accounts 100000] [--db pg|pglite] [--pg postgres://…] [--breakdown]
import { chmodSync } from 'node:fs';
import os from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { queryRows } from '../src/db/rows.ts';
import { enablePlay } from '../src/plays/enable-play.ts';
import { actor } from '../src/test/harness.ts';
import {
  callTask,
  engineBench,
  flag,
  onWorkspace,
  time,
  type EngineBench,
} from './engine-bench.ts';
import { setupWorkspace } from './generate-setup.ts';
import { copyRows, indexBreakdown, triggerBreakdown } from './floor-parts.ts';

const N = Number(flag('accounts') ?? '100000');
const kind = flag('db') ?? 'pg';
const adminUrl =
  flag('pg') ?? process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const breakdown = process.argv.includes('--breakdown');
const WARM = 1000;
const load = () => os.loadavg()[0]!.toFixed(1);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rows = <T>(db: Database['db'], q: SQL) => queryRows<T>(db, q);

async function main() {
  if (kind !== 'pg' && kind !== 'pglite') throw new Error('--db is pg or pglite');
  const bench = await engineBench({
    name: 'bench_floor',
    pgUrl: kind === 'pg' ? adminUrl : undefined,
    poolSize: 4,
  });
  // PostgreSQL writes and reads the COPY file itself (server-side COPY, like the floor's definition).
  chmodSync(bench.dataDir, 0o777);
  try {
    await run(bench);
  } finally {
    await bench.close();
  }
}

async function run(bench: EngineBench) {
  const { database, deps, dataDir } = bench;
  const db = deps.db;
  const people = await setupWorkspace(db, 2, 3);
  const ws = people.workspaceId;
  const flowId = Object.values(people.catalog.flowIds)[0]!;
  const owner = people.users.find((u) => u.slot === 1)!.id;
  const {
    who,
    addAccounts,
    play: healthPlay,
  } = onWorkspace(bench, ws, actor({ id: people.adminId, workspaceId: ws, role: 'admin' }));
  await addAccounts({
    total: N + WARM,
    prefix: 'f',
    health: sql`case when g <= ${N}::int then 'red' else 'amber' end`,
  });
  const mk = (name: string, value: string) =>
    healthPlay(name, value, { actions: [{ id: 'a', ...callTask(flowId, owner) }] });
  console.log(
    `${database.kind}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} at start; ${N.toLocaleString('en-US')} entering accounts`,
  );
  // Warm-up: a small firing first, so the measured one does not pay for JIT and cold caches.
  await enablePlay(deps, who, (await mk('Warm-up', 'amber')).id, { fireNow: true });
  const play = await mk('Floor play', 'red');
  const loads = [load()];
  const [, fireMs] = await time(() => enablePlay(deps, who, play.id, { fireNow: true }));
  loads.push(load());
  const [{ n } = { n: 0 }] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from tasks where play_id = ${play.id}::uuid`,
  );
  const copy = await copyRows(database, dataDir, play.id);
  // The floor, twice (emptied in between): the same rows COPYed into tasks' columns and indexes, no foreign keys, no triggers.
  await db.execute(
    sql.raw(`create table task_floor (like tasks including defaults including indexes)`),
  );
  const floorMs: number[] = [];
  for (let i = 0; i < 2; i++) {
    if (i) await db.execute(sql.raw('truncate task_floor'));
    floorMs.push((await time(() => copy.into('task_floor')))[1]);
    loads.push(load());
  }
  // Breakdown: the same rows by INSERT … SELECT into tasks (foreign keys checked) and into the floor table (none).
  const [{ c: cols } = { c: '' }] = await rows<{ c: string }>(
    db,
    sql`select string_agg(quote_ident(column_name), ', ' order by ordinal_position) as c
      from information_schema.columns where table_schema = 'public' and table_name = 'tasks' and column_name not in ('id', 'dedupe_key')`,
  );
  const insertInto = (table: string, tag: string) =>
    sql.raw(`insert into ${table} (${cols}, dedupe_key) select ${cols}, '${tag}:' || dedupe_key
      from tasks where play_id = '${play.id}' and dedupe_key like '${play.id}:%'`);
  await db.execute(sql.raw('truncate task_floor'));
  const [, plainFloorMs] = await time(() => db.execute(insertInto('task_floor', 'plain')));
  const [, plainMs] = await time(() => db.execute(insertInto('tasks', 'plain')));
  loads.push(load());
  const [shape] = await rows<{ fks: number; indexes: number; triggers: number }>(
    db,
    sql`select
      (select count(*)::int from pg_constraint where conrelid = 'tasks'::regclass and contype = 'f') as fks,
      (select count(*)::int from pg_indexes where schemaname = 'public' and tablename = 'tasks') as indexes,
      (select count(*)::int from pg_trigger where tgrelid = 'tasks'::regclass and not tgisinternal) as triggers`,
  );
  const floor = Math.min(...floorMs);
  console.log(
    `${database.kind}: firing ${s(fireMs)} (${n.toLocaleString('en-US')} tasks); floor (COPY, no foreign keys) ${floorMs.map(s).join(' / ')}; ` +
      `firing ÷ floor ${(fireMs / floor).toFixed(2)} (goal ≤ 2); INSERT … SELECT into tasks ${s(plainMs)}, into the floor table ${s(plainFloorMs)}; ` +
      `tasks has ${shape!.fks} foreign keys, ${shape!.indexes} indexes, ${shape!.triggers} triggers (load ${loads.join(' → ')})`,
  );
  console.log(
    `BENCH_JSON ${JSON.stringify({ part: 'floor', db: database.kind, n: N, tasks: n, fireMs, floorMs, plainMs, plainFloorMs, ...shape, load: loads[0], loads })}`,
  );
  if (breakdown) {
    await triggerBreakdown(db, insertInto('tasks', 'explain'), (l) =>
      console.log(`${database.kind}: ${l}`),
    );
    await indexBreakdown(db, copy, (l) => console.log(`${database.kind}: ${l}`));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
