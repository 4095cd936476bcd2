// CSV import at size, by hand: `npx node bench/csv-import.ts [rows]` (default 100,000). Starts the real server on
// the embedded database (e2e/harness.ts, loopback), signs in with Chromium, imports a generated accounts file
// (1 row in 1,000 invalid) through Accounts → Import CSV, and prints the time of each step and the longest task
// the page ran (a frozen page would show one long task of seconds). Timings are reported, not asserted.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, login, newPage, startServer } from '../e2e/harness.ts';

const rows = Number(process.argv[2] ?? 100_000);
const id = (i: number) => `BULK-${String(i).padStart(7, '0')}`;
const lines = ['External ID,Name,Stage,Type,Revenue,Parent,Tags'];
for (let i = 1; i <= rows; i++) {
  const parent = i % 20 === 0 ? id(i - 19) : '';
  lines.push(
    [
      id(i),
      `"Bench Account ${i}, Inc."`,
      i % 3 ? 'customer' : 'onboarding',
      'customer',
      i % 1000 === 0 ? 'n/a' : String(i * 7),
      parent,
      'bench;csv',
    ].join(','),
  );
}
const csv = Buffer.from(lines.join('\n'));
// A file on disk, not a Buffer: Playwright hands a Buffer to the page as base64 decoded on the page's own thread
// (seconds of main-thread work for 8 MB that no user's file picker does).
const dir = mkdtempSync(path.join(tmpdir(), 'pm-csv-bench-'));
const file = path.join(dir, 'bench.csv');
writeFileSync(file, csv);
const rejected = Math.floor(rows / 1000);
const fmt = (n: number) => n.toLocaleString('en-US');

const server = await startServer();
const browser = await launchBrowser();
try {
  await server.api('POST', '/api/v1/attribute-definitions', {
    entity: 'account',
    key: 'bench_revenue',
    label: 'Bench revenue',
    type: 'number',
  });
  const { page, errors } = await newPage(browser, server.baseUrl);
  page.setDefaultTimeout(30 * 60_000);
  await login(page);
  await page.goto(`${server.baseUrl}/accounts`);
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: Array<[number, number]> };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: false });
  });
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import CSV' });
  const now = () => page.evaluate(() => Math.round(performance.now()));
  const marks: number[] = [await now()];
  const t0 = performance.now();
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('table', { name: 'Column mapping' }).waitFor();
  const t1 = performance.now();
  marks.push(await now());
  await dialog
    .getByRole('combobox', { name: 'Field for column Revenue' })
    .selectOption({ label: 'Attribute: Bench revenue' });
  const t2 = performance.now();
  await dialog.getByRole('button', { name: 'Check rows' }).click();
  await dialog
    .getByText(`${fmt(rows - rejected)} rows ready to import · ${fmt(rejected)} rejected`)
    .waitFor();
  const t3 = performance.now();
  marks.push(await now());
  await dialog.getByRole('button', { name: `Import ${fmt(rows - rejected)} rows` }).click();
  await dialog
    .getByText(
      `${fmt(rows - rejected)} imported (${fmt(rows - rejected)} created, 0 updated, 0 unchanged) · ${fmt(rejected)} rejected`,
    )
    .waitFor();
  const t4 = performance.now();
  marks.push(await now());
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download rejected rows' }).click(),
  ]);
  const downloaded =
    readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/).length - 1;
  const longTasks = await page.evaluate(
    () => (window as unknown as { longTasks: Array<[number, number]> }).longTasks,
  );
  const longest = Math.max(0, ...longTasks.map((t) => t[1]));
  const count = await server.api<{ data: unknown[] }>('GET', `/api/v1/accounts?q=${id(rows - 1)}`);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `CSV import of ${fmt(rows)} accounts (${(csv.length / 1e6).toFixed(1)} MB, ${fmt(rejected)} invalid):`,
  );
  console.log(`  read and parse  ${s(t1 - t0)}`);
  console.log(`  check rows      ${s(t3 - t2)}`);
  console.log(
    `  write (bulk)    ${s(t4 - t3)}  (${fmt(Math.round((rows - rejected) / ((t4 - t3) / 1000)))} rows/s)`,
  );
  console.log(`  total           ${s(t1 - t0 + t4 - t2)}`);
  console.log(
    `  longest task on the page: ${Math.round(longest)} ms; rejected rows downloaded: ${fmt(downloaded)}; last account found: ${count.data.length === 1}`,
  );
  if (process.env.BENCH_VERBOSE)
    console.log(
      `  long tasks [start, ms]: ${JSON.stringify(longTasks.filter((t) => t[1] > 100))}; step marks: ${JSON.stringify(marks)}`,
    );
  if (errors.length) console.log(`  browser errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
