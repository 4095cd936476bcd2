// The play engine and webhook parts of `npm run bench`: runs bench/plays.ts and bench/webhooks.ts as
// child processes (each creates and drops its own database) and turns their BENCH_JSON lines into tables.
import { spawn } from 'node:child_process';

export type EngineRun = {
  label: string;
  args: string[];
  results: Array<Record<string, unknown>>;
  ok: boolean;
  seconds: number;
};

/** What one run of the engine part does; `quick` is a tenth of the size, without the 1,000,000-account firing. */
export function engineRuns(
  adminUrl: string,
  quick: boolean,
): Array<{ label: string; script: string; args: string[] }> {
  const n = quick ? '10000' : '100000';
  const latency = quick ? '100' : '300';
  return [
    {
      label: `plays, PostgreSQL, ${Number(n).toLocaleString('en-US')} accounts`,
      script: 'bench/plays.ts',
      args: ['--n', n, '--pg', adminUrl, '--latency', latency, '--rate', '50'],
    },
    {
      label: `plays, PGlite, ${Number(n).toLocaleString('en-US')} accounts`,
      script: 'bench/plays.ts',
      args: ['--n', n, '--latency', latency, '--rate', '50'],
    },
    ...(quick
      ? []
      : [
          {
            label: 'plays, PostgreSQL, 1,000,000 accounts',
            script: 'bench/plays.ts',
            args: ['--n', '1000000', '--pg', adminUrl, '--latency', '0'],
          },
        ]),
    // Firing against the floor (COPY of the same task rows, no foreign keys), same database, same run.
    ...(['pg', 'pglite'] as const).map((db) => ({
      label: `firing vs floor, ${db === 'pg' ? 'PostgreSQL' : 'PGlite'}, ${Number(n).toLocaleString('en-US')} accounts`,
      script: 'bench/firing-floor.ts',
      args: ['--accounts', n, '--db', db, ...(db === 'pg' ? ['--pg', adminUrl] : [])],
    })),
    // Journeys: N records entering a three-step journey, N waits waking at once, event → first step.
    {
      label: `journeys, PostgreSQL, ${Number(n).toLocaleString('en-US')} accounts`,
      script: 'bench/journeys.ts',
      args: ['--n', n, '--pg', adminUrl, '--latency', quick ? '20' : '50'],
    },
    {
      label: `journeys, PGlite, ${Number(quick ? '10000' : '20000').toLocaleString('en-US')} accounts`,
      script: 'bench/journeys.ts',
      args: ['--n', quick ? '10000' : '20000', '--latency', quick ? '20' : '50'],
    },
    {
      label: 'webhooks, PostgreSQL',
      script: 'bench/webhooks.ts',
      args: ['--count', quick ? '1000' : '5000'],
    },
    {
      label: 'webhooks, PGlite',
      script: 'bench/webhooks.ts',
      args: ['--pglite', '--count', quick ? '500' : '2000'],
    },
  ];
}

/** Runs one bench script with the pinned Node, echoing its output; collects its BENCH_JSON lines. */
export function runEngineBench(
  cwd: string,
  adminUrl: string,
  run: { label: string; script: string; args: string[] },
  log: (s: string) => void,
): Promise<EngineRun> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [run.script, ...run.args], {
      cwd,
      env: { ...process.env, BENCH_ADMIN_URL: adminUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const results: Array<Record<string, unknown>> = [];
    let rest = '';
    const onData = (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('BENCH_JSON '))
          results.push(JSON.parse(line.slice('BENCH_JSON '.length)) as Record<string, unknown>);
        else if (line.trim()) log(`  ${line}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) =>
      resolve({
        label: run.label,
        args: run.args,
        results,
        ok: code === 0,
        seconds: (Date.now() - t0) / 1000,
      }),
    );
  });
}

const s = (msNum: unknown) => `${(Number(msNum) / 1000).toFixed(2)} s`;
const ms = (x: unknown) => (Number.isFinite(Number(x)) ? `${Number(x).toFixed(0)} ms` : '–');
const dbName = (db: unknown) => (db === 'pglite' ? 'PGlite' : 'PostgreSQL');

/** Markdown tables of the engine part, with the issue's targets. */
export function renderEngineMarkdown(runs: EngineRun[]): string {
  const all = runs.flatMap((r) => r.results);
  const lines: string[] = [
    '',
    '| play firing ("fire now" for N entering accounts) | tasks | firing | plain `INSERT … SELECT` of the same rows (before / after) | plain ÷ firing | load avg | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of all.filter((r) => r.part === 'firing')) {
    const n = Number(f.n);
    const target =
      f.db === 'pglite' ? (6_000 * n) / 100_000 : n >= 1_000_000 ? 20_000 : (2_000 * n) / 100_000;
    const ratio = (Number(f.plainBeforeMs) + Number(f.plainAfterMs)) / 2 / Number(f.fireMs);
    lines.push(
      `| ${dbName(f.db)}, ${n.toLocaleString('en-US')} accounts | ${Number(f.tasks).toLocaleString('en-US')} | ${s(f.fireMs)} | ${s(f.plainBeforeMs)} / ${s(f.plainAfterMs)} | ${ratio.toFixed(2)} | ${f.load} | ≤ ${(target / 1000).toFixed(1)} s; ratio ≥ 0.5 | ${Number(f.fireMs) <= target ? 'yes' : 'no'}; ${ratio >= 0.5 ? 'yes' : 'no'} |`,
    );
  }
  lines.push(
    '',
    '| firing vs floor (N entering accounts) | firing | floor: `COPY` of the same rows, no foreign keys (twice) | firing ÷ floor | `INSERT … SELECT` into tasks / into the floor table | load avg | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const f of all.filter((r) => r.part === 'floor')) {
    const floor = Math.min(...(f.floorMs as number[]));
    const ratio = Number(f.fireMs) / floor;
    lines.push(
      `| ${dbName(f.db)}, ${Number(f.n).toLocaleString('en-US')} accounts | ${s(f.fireMs)} | ${(f.floorMs as number[]).map(s).join(' / ')} | ${ratio.toFixed(2)} | ${s(f.plainMs)} / ${s(f.plainFloorMs)} | ${f.load} | ≤ 2 | ${ratio <= 2 ? 'yes' : 'no'} |`,
    );
  }
  lines.push(
    '',
    '| journeys (N records) | enter a 3-step journey (first step: a task) | the same task action without steps | ratio | N waits due at once → tag → end | the same tag action without steps | ratio | change → first step p50 / p99 (without steps) | load avg |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const j of all.filter((r) => r.part === 'journeys'))
    lines.push(
      `| ${dbName(j.db)}, ${Number(j.n).toLocaleString('en-US')} | ${s(j.enterMs)} | ${s(j.plainMs)} | ${(Number(j.enterMs) / Number(j.plainMs)).toFixed(2)} | ${s(j.wakeMs)} | ${s(j.tagMs)} | ${(Number(j.wakeMs) / Number(j.tagMs)).toFixed(2)} | ${ms(j.latencyP50)} / ${ms(j.latencyP99)} (${ms(j.plainLatencyP50)} / ${ms(j.plainLatencyP99)}) | ${j.load} |`,
    );
  lines.push(
    '',
    "| event → task (PATCH an account over HTTP → the play's task committed) | updates | p50 | p99 | max | engine p50 / p99 (PATCH committed → task committed) | failed | load avg | target | met |",
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const l of all.filter((r) => r.part === 'latency')) {
    const met = Number(l.p50) <= 50 && Number(l.p99) <= 500 && l.seen === l.updates;
    lines.push(
      `| ${dbName(l.db)}, ${l.rate} updates/s | ${l.seen} / ${l.updates} seen | ${ms(l.p50)} | ${ms(l.p99)} | ${ms(l.max)} | ${ms(l.engineP50)} / ${ms(l.engineP99)} | ${l.failed} | ${String(l.load).split(' ')[0]} | p50 ≤ 50 ms, p99 ≤ 500 ms | ${met ? 'yes' : 'no'} |`,
    );
  }
  lines.push(
    '',
    '| webhook deliveries to a loopback receiver | delivered | time | per second | load avg | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const w of all.filter((r) => r.part === 'webhooks')) {
    const rate = Number(w.delivered) / Number(w.seconds);
    lines.push(
      `| ${dbName(w.db)} | ${w.delivered} / ${w.count} | ${Number(w.seconds).toFixed(2)} s | ${rate.toFixed(0)} | ${w.load} | ≥ 500/s | ${rate >= 500 ? 'yes' : 'no'} |`,
    );
  }
  const failed = runs.filter((r) => !r.ok);
  if (failed.length)
    lines.push(
      '',
      `Failed runs: ${failed.map((r) => `${r.label} (\`${r.args.join(' ')}\`)`).join('; ')}.`,
    );
  return lines.join('\n');
}
