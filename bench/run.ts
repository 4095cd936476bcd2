// `npm run bench [-- --quick]`: builds a large PostgreSQL data set, starts the real server as a child
// process and measures it over loopback HTTP. See bench/README.md.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { todayIn } from '../src/workspaces/dates.ts';
import { queryRows } from '../src/db/rows.ts';
import { freshDatabase } from './database.ts';
import { generateData } from './generate-data.ts';
import { benchTimeZone, setupWorkspace, tokenFor } from './generate-setup.ts';
import { parseOptions } from './options.ts';
import { bulkPhase, loadPhase, type LoadPhase } from './phases.ts';
import { machineDescription, renderMarkdown, writeReadme, type BenchReport } from './report.ts';
import { startServer, type BenchServer } from './server.ts';
import { cpuMeter } from './cpu.ts';
import {
  engineRuns,
  renderEngineMarkdown,
  runEngineBench,
  type EngineRun,
} from './engine-parts.ts';

const root = path.resolve(import.meta.dirname, '..');
const opts = parseOptions(process.argv.slice(2));
const log = (s: string) => console.log(s);
let server: BenchServer | null = null;
process.once('SIGINT', () => {
  void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
});

async function main() {
  const t0 = Date.now();
  if (opts.core) await corePart(t0);
  if (opts.engine) await enginePart();
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** Play firing, event → task latency and webhook throughput, each script in its own process and database. */
async function enginePart() {
  log(`\nPlaymaker bench, engine part${opts.quick ? ' (--quick)' : ''}`);
  const runs: EngineRun[] = [];
  for (const run of engineRuns(opts.adminUrl, opts.quick)) {
    log(`${run.label}: node ${run.script} ${run.args.join(' ')}`);
    runs.push(await runEngineBench(root, opts.adminUrl, run, log));
  }
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const markdown = `Run ${date}${opts.quick ? ' (--quick smoke run)' : ''} on ${machineDescription()}; Node ${process.versions.node}.\n${renderEngineMarkdown(runs)}`;
  console.log(`\n${markdown}\n`);
  if (opts.writeReadme) {
    writeReadme(path.join(root, 'bench', 'README.md'), markdown, 'bench-engine-results');
    log('engine results written to bench/README.md');
  }
}

/** Parts (a)–(d): the real server over HTTP against 100,000 accounts and 1,000,000 tasks. */
async function corePart(t0: number) {
  log(
    `Playmaker bench${opts.quick ? ' (--quick)' : ''}: ${opts.accounts.toLocaleString('en-US')} accounts, ${opts.tasks.toLocaleString('en-US')} tasks → database ${opts.database}`,
  );
  const { url, database } = await freshDatabase(opts.adminUrl, opts.database);
  const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q);
  let report: BenchReport;
  try {
    const people = await setupWorkspace(database.db, opts.teams, opts.usersPerTeam);
    await generateData({
      url,
      people,
      accounts: opts.accounts,
      tasks: opts.tasks,
      today: todayIn(benchTimeZone, new Date()),
      log,
    });
    const generateSeconds = (Date.now() - t0) / 1000;
    // My Portfolio user: team 1's fourth user gets ~20 % of the team's tasks (~20,000 of 1,000,000).
    const heavy = people.users.find((u) => u.teamIdx === 0 && u.slot === 3)!;
    const standard = people.users.find((u) => u.teamIdx === 1 && u.slot === 1)!;
    const [mine] = await rows<{
      total: number;
      open: number;
    }>(sql`select count(*)::int as total, (count(*) filter (where status = 'open'))::int as open
      from tasks where assignee_user_id = ${heavy.id}`);
    const [version] = await rows<{ v: string }>(sql`select split_part(version(), ' on ', 1) as v`);
    const tokens = {
      heavy: await tokenFor(database.db, people.workspaceId, heavy.id),
      standard: await tokenFor(database.db, people.workspaceId, standard.id),
      admin: await tokenFor(database.db, people.workspaceId, people.adminId),
    };
    await database.close();

    log(`starting the server on 127.0.0.1:${opts.port}`);
    server = await startServer({ databaseUrl: url, port: opts.port, cwd: root });
    const rss = [{ when: 'after start (idle)', mb: server.rssMb() }];
    const { measure, idlePerSecond } = await cpuMeter(server.pid, opts.database);
    log(
      `  idle CPU (background jobs): server ${idlePerSecond.server.toFixed(0)} ms/s, database ${idlePerSecond.db.toFixed(0)} ms/s`,
    );
    const common = {
      baseUrl: server.baseUrl,
      seconds: opts.seconds,
      warmupSeconds: opts.warmupSeconds,
      measure,
    };
    const collection = '/api/v1/tasks?due=overdue&priority=high&groupBy=assignee';
    const loads: LoadPhase[] = [];
    const runPhase = async (p: Parameters<typeof loadPhase>[0]) => {
      log(`load: ${p.name} as ${p.as} at ${p.rate}/s for ${p.seconds} s`);
      const phase = await loadPhase(p);
      loads.push(phase);
      const c = phase.cpuPerRequest;
      log(
        phase.result
          ? `  p50 ${phase.result.p50.toFixed(1)} ms, p95 ${phase.result.p95.toFixed(1)} ms, p99 ${phase.result.p99.toFixed(1)} ms, ` +
              `served ${phase.result.throughput.toFixed(0)}/s, ok ${phase.result.ok}, failed ${phase.result.failed}; ` +
              `CPU per request: server ${c?.server.toFixed(2)} ms, database ${c?.db.toFixed(2)} ms, load generator ${c?.client.toFixed(2)} ms`
          : `  ${phase.note}`,
      );
      return phase;
    };
    const phases = [
      {
        name: '(a) My Portfolio → Work, first page',
        path: '/api/v1/me/work',
        as: `standard user with ${mine!.total.toLocaleString('en-US')} tasks`,
        token: tokens.heavy,
        rate: opts.myWorkRate,
        target: 'p99 ≤ 50 ms',
      },
      {
        name: '(b) tasks collection, 2 filters + groups',
        path: collection,
        as: 'standard user (one team)',
        token: tokens.standard,
        rate: opts.collectionRate,
        target: 'p99 ≤ 150 ms',
      },
      {
        name: '(b) tasks collection, 2 filters + groups',
        path: collection,
        as: 'admin (all teams)',
        token: tokens.admin,
        rate: opts.collectionRate,
        target: 'p99 ≤ 150 ms',
      },
    ];
    for (const p of phases) {
      const phase = await runPhase({ ...common, ...p });
      // Saturated (e.g. a busy shared machine): also measure at a rate it sustained, so latency means something.
      const withinBudget = Date.now() - t0 < 6 * 60_000; // keeps a full run under 10 minutes
      if (phase.result && phase.result.throughput < 0.9 * p.rate && withinBudget) {
        const reduced = Math.max(10, Math.floor((phase.result.throughput * 0.5) / 10) * 10);
        await runPhase({ ...common, ...p, rate: reduced, name: `${p.name} (reduced rate)` });
      }
    }
    rss.push({ when: 'after the read phases (a, b)', mb: server.rssMb() });
    log(`bulk: ${opts.bulkRows} accounts × 3`);
    const bulk = await bulkPhase(
      server.baseUrl,
      tokens.admin,
      opts.bulkRows,
      String(Date.now()),
      measure,
    );
    for (const run of bulk.runs)
      log(
        `  ${run.run}: ${(run.ms / 1000).toFixed(2)} s (${run.status}; ${run.counts}); CPU: server ${run.cpu.server.toFixed(0)} ms, database ${run.cpu.db.toFixed(0)} ms`,
      );
    if (bulk.note) log(`  ${bulk.note}`);
    rss.push(
      { when: 'after the bulk upserts (c)', mb: server.rssMb() },
      { when: 'peak during the run (VmHWM)', mb: server.peakRssMb() },
    );

    report = {
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      quick: opts.quick,
      machine: machineDescription(),
      postgres: version!.v,
      node: process.versions.node,
      data: {
        accounts: opts.accounts,
        tasks: opts.tasks,
        users: people.users.length + 1,
        generateSeconds,
        myWorkUserTasks: mine!.total,
        myWorkUserOpen: mine!.open,
      },
      loads,
      bulk,
      rss,
      idleCpu: idlePerSecond,
    };
  } finally {
    await server?.stop();
    server = null;
    await database.close().catch(() => undefined);
  }
  const markdown = renderMarkdown(report);
  console.log(`\n${markdown}\n`);
  if (opts.writeReadme) {
    writeReadme(path.join(root, 'bench', 'README.md'), markdown);
    log('results written to bench/README.md');
  }
  log(
    `core part done in ${((Date.now() - t0) / 1000).toFixed(0)} s (database ${opts.database} kept for inspection; the next run recreates it)`,
  );
}

main().catch(async (err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  await server?.stop();
  process.exit(1);
});
