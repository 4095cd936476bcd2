// The browser suite: e2e/*.test.ts against a freshly seeded server, driving Debian's Chromium.
// Skipped (and not counted) when /usr/bin/chromium is missing; writes .tmp/test-summary-e2e.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function runE2e(): { passed: number; failed: number } {
  if (!existsSync(chromiumPath)) {
    console.log(
      `\n▶ browser tests skipped: ${chromiumPath} is not installed (apt-get install chromium)`,
    );
    return { passed: 0, failed: 0 };
  }
  mkdirSync('.tmp', { recursive: true });
  console.log('\n▶ web build');
  const build = spawnSync(process.execPath, ['scripts/build-web.ts'], { stdio: 'inherit' });
  if (build.status !== 0) return finish({ passed: 0, failed: 1 });
  const files = readdirSync('e2e')
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join('e2e', f));
  const tap = '.tmp/test-e2e.tap';
  console.log(`\n▶ ${files.length} browser test files`);
  // One file at a time: each starts its own server and browser, and the machine has two cores.
  spawnSync(
    process.execPath,
    [
      '--test',
      '--test-concurrency=1',
      '--test-timeout=600000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'silent' } },
  );
  const out = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const num = (k: string) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(out)?.[1] ?? 0);
  const result = { passed: num('pass'), failed: num('fail') + num('cancelled') };
  if (files.length > 0 && result.passed + result.failed === 0) result.failed++;
  return finish(result);
}

function finish(r: { passed: number; failed: number }) {
  writeFileSync('.tmp/test-summary-e2e.json', JSON.stringify(r));
  console.log(`\ne2e: ${r.passed} passed, ${r.failed} failed`);
  return r;
}
