// Journeys bench (see bench/README.md, "Journeys"): N accounts entering a three-step journey (task,
// wait 1 day, tag), the wake-up of N waits due at once against firing the same tag action without
// steps in the same database, and event → first step latency against a play without steps.
// Usage: npx node bench/journeys.ts [--n 100000] [--pg postgres://…] [--latency 50]
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/rows.ts';
import { enablePlay } from '../src/plays/enable-play.ts';
import { drainChanges } from '../src/plays/engine/process-changes.ts';
import { fireRunFor } from '../src/plays/engine/fire.ts';
import { drainJourneys } from '../src/plays/journeys/advance.ts';
import { recordChange } from '../src/events/record-change.ts';
import { benchWorkspace, callTask, emit, engineBench, flag, time } from './engine-bench.ts';

const N = Number(flag('n') ?? '100000');
const pgUrl = flag('pg');
const latencyN = Number(flag('latency') ?? '50');
const load = () => os.loadavg()[0]!.toFixed(1);

async function main() {
  let now = Date.now();
  const bench = await engineBench({
    name: 'pm_bench_journeys',
    pgUrl,
    clock: { now: () => new Date(now) },
  });
  const { database, deps } = bench;
  const { ws, adminId, flowId, who, addAccounts, play } = await benchWorkspace(bench);
  await addAccounts({
    total: 2 * N + 2 * latencyN,
    prefix: 'b',
    health: sql`case when g <= ${N}::int then 'journey' when g <= ${2 * N}::int then 'plain' else 'green' end`,
  });
  const task = { ...callTask(flowId, adminId), description: 'Hello' };
  console.log(`${database.kind}, ${os.cpus().length} cores, load ${load()}`);
  const journey = await play('Journey', 'journey', {
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
  const plain = await play('Plain', 'plain', { actions: [{ id: 'call', ...task }] });
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
  const tagOnly = await play('Tag', 'plain', {
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
  // The wake-up's tags left N account changes queued; drain them first, or the first sample pays for all.
  await drainChanges(deps, { maxMs: 3_600_000 });
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
  await bench.close();
}

await main();
