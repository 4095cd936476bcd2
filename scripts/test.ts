// The one test command: lint, type-check, then every *.test.ts on PGlite (or PostgreSQL with --pg).
// Writes a summary to .tmp/test-summary-<suite>.json and ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runE2e } from './test-e2e.ts';

const args = process.argv.slice(2);
const pg = args.includes('--pg');
const only = args.filter((a) => !a.startsWith('--'));
const suite = pg ? 'postgres' : 'pglite';
mkdirSync('.tmp', { recursive: true });
// `npm test -- --e2e`: only the browser suite (npm test runs it after the PGlite suites).
if (args.includes('--e2e')) process.exit(runE2e().failed > 0 ? 1 : 0);
let passed = 0;
let failed = 0;

function step(name: string, cmd: string, cmdArgs: string[]) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (r.status === 0) passed++;
  else {
    failed++;
    console.log(`✖ ${name} failed`);
  }
}

function findTests(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (entry.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

if (!pg && only.length === 0) {
  step('format', 'npx', ['prettier', '--check', '--log-level=warn', '.']);
  step('lint', 'npx', ['eslint', '.']);
  step('typecheck', 'npx', ['tsc', '--noEmit']);
  step('typecheck web', 'npx', ['tsc', '-p', 'web']);
}

const files = only.length ? only : findTests('src');
// One TAP file per run, so two runs at once (several people or agents on one checkout) do not mix counts.
const tap = `.tmp/test-${suite}-${process.pid}.tap`;
const env = { ...process.env, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
if (pg) env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
else delete env.TEST_DATABASE_URL;
// Files at once: 2 by default (the CI machine has 2 cores and PGlite files are CPU-bound);
// TEST_CONCURRENCY=n to measure another value.
const concurrency = Number(process.env.TEST_CONCURRENCY) || 2;
console.log(`\n▶ ${files.length} test files on ${suite}, ${concurrency} at once`);
spawnSync(
  process.execPath,
  [
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-timeout=300000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ],
  { stdio: 'inherit', env },
);
const out = readFileSync(tap, 'utf8');
rmSync(tap, { force: true });
const num = (k: string) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(out)?.[1] ?? 0);
passed += num('pass');
failed += num('fail') + num('cancelled');
if (files.length > 0 && num('pass') + num('fail') === 0) failed++;
writeFileSync(`.tmp/test-summary-${suite}.json`, JSON.stringify({ passed, failed }));
console.log(`\n${suite}: ${passed} passed, ${failed} failed`);
// The browser suite runs with the full PGlite run, and keeps its own summary file.
const e2e = !pg && only.length === 0 ? runE2e() : { passed: 0, failed: 0 };
if (e2e.passed + e2e.failed > 0)
  console.log(`\n${passed + e2e.passed} passed, ${failed + e2e.failed} failed`);
process.exit(failed + e2e.failed > 0 ? 1 : 0);
