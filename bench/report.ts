import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { BulkPhase, LoadPhase } from './phases.ts';

export type BenchReport = {
  date: string;
  quick: boolean;
  machine: string;
  postgres: string;
  node: string;
  data: {
    accounts: number;
    tasks: number;
    users: number;
    generateSeconds: number;
    myWorkUserTasks: number;
    myWorkUserOpen: number;
  };
  loads: LoadPhase[];
  bulk: BulkPhase;
  rss: Array<{ when: string; mb: number }>;
  /** CPU ms per second the idle server and its database use anyway (background jobs), subtracted from the phases. */
  idleCpu: { server: number; db: number };
};

export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}`;
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '–');
const targetMs = (target: string) => Number(/(\d+)\s*ms/.exec(target)?.[1] ?? NaN);

/** The results as Markdown tables (printed to the terminal and written into bench/README.md). */
export function renderMarkdown(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(
    `Run ${r.date}${r.quick ? ' (--quick smoke run)' : ''} on ${r.machine}; ${r.postgres}; Node ${r.node}.`,
  );
  lines.push('');
  lines.push(
    `Data: ${r.data.accounts.toLocaleString('en-US')} accounts, ${r.data.tasks.toLocaleString('en-US')} tasks, ${r.data.users} users, generated in ${r.data.generateSeconds.toFixed(0)} s. ` +
      `The My Portfolio user has ${r.data.myWorkUserTasks.toLocaleString('en-US')} tasks (${r.data.myWorkUserOpen.toLocaleString('en-US')} open).`,
  );
  lines.push('');
  lines.push(
    '| part | request | as | rate | served/s | p50 | p95 | p99 | max | ok / failed | CPU ms/request server + db | load avg | target | met |',
  );
  lines.push(
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const l of r.loads) {
    const res = l.result;
    if (!res) {
      lines.push(
        `| ${l.name} | \`${l.path}\` | ${l.as} | – | – | – | – | – | – | – | – | – | ${l.target} | ${l.note ?? 'not available'} |`,
      );
      continue;
    }
    const met = res.failed === 0 && res.p99 <= targetMs(l.target) ? 'yes' : 'no';
    const load = l.loadAvg ? `${l.loadAvg[0].toFixed(1)} → ${l.loadAvg[1].toFixed(1)}` : '–';
    const cpu = l.cpuPerRequest
      ? `${l.cpuPerRequest.server.toFixed(1)} + ${l.cpuPerRequest.db.toFixed(1)}`
      : '–';
    lines.push(
      `| ${l.name} | \`${l.path}\` | ${l.as} | ${res.rate}/s for ${res.seconds} s | ${res.throughput.toFixed(0)} | ${ms(res.p50)} | ${ms(res.p95)} | ${ms(res.p99)} | ${ms(res.max)} | ${res.ok} / ${res.failed} | ${cpu} | ${load} | ${l.target} | ${met} |`,
    );
  }
  lines.push('');
  lines.push(
    '| part | run | time | status | result | CPU s server + db | load avg | target | met |',
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  if (r.bulk.runs.length === 0)
    lines.push(
      `| ${r.bulk.name} | – | – | – | ${r.bulk.note ?? 'not available'} | – | – | ${r.bulk.target} | – |`,
    );
  for (const run of r.bulk.runs) {
    const cpu = `${(run.cpu.server / 1000).toFixed(2)} + ${(run.cpu.db / 1000).toFixed(2)}`;
    lines.push(
      `| ${r.bulk.name} | ${run.run} | ${(run.ms / 1000).toFixed(2)} s | ${run.status} | ${run.counts} | ${cpu} | ${run.loadAvg.toFixed(1)} | ${r.bulk.target} | ${run.ok && run.ms <= 2_000 ? 'yes' : 'no'} |`,
    );
  }
  lines.push('');
  lines.push(
    '"served/s" is the rate of successful responses actually achieved; below the offered rate the server was saturated. ' +
      '"load avg" is the machine\'s 1-minute load average before → after the phase: above ~2 on 2 cores, other processes competed for the CPU. ' +
      '"CPU" is the CPU time used by the server process and by its PostgreSQL backends (from /proc), which other load barely changes: ' +
      'on 2 otherwise idle cores, capacity is roughly 2,000 ms / (server + db + load-generator CPU per request). ' +
      `What the idle server and database use anyway (background jobs: ${r.idleCpu.server.toFixed(0)} + ${r.idleCpu.db.toFixed(0)} ms per second) is subtracted. ` +
      'In a saturated phase the server is still working when the phase ends, so its CPU per request reads low; the reduced-rate rows are the clean ones.',
  );
  lines.push('');
  lines.push('| (d) server memory | RSS |');
  lines.push('| --- | --- |');
  for (const m of r.rss) lines.push(`| ${m.when} | ${m.mb.toFixed(0)} MB |`);
  return lines.join('\n');
}

/**
 * Replaces one results section of bench/README.md (between `<!-- <section>:start -->` and
 * `<!-- <section>:end -->`), keeping the prose around it.
 */
export function writeReadme(file: string, markdown: string, section = 'bench-results'): void {
  const START = `<!-- ${section}:start -->`;
  const END = `<!-- ${section}:end -->`;
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${file} has no ${START} … ${END} section`);
  writeFileSync(file, `${text.slice(0, from + START.length)}\n${markdown}\n${text.slice(to)}`);
}
