// Browser-test harness: builds the web app if stale, starts a freshly seeded server on an empty data dir,
// drives Debian's Chromium through playwright-core, and runs axe-core accessibility checks.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { after, before } from 'node:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { writePgliteDataDir } from '../src/test/pglite-snapshot.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ADMIN = {
  email: 'e2e-admin@playmaker.test',
  password: 'e2e password 1234',
  token: `pmk_e2e_${randomBytes(16).toString('hex')}`,
};

export type Server = {
  baseUrl: string;
  stop: () => Promise<void>;
  api: <T = unknown>(method: string, url: string, body?: unknown) => Promise<T>;
  output: () => string;
};

/** Runs scripts/build-web.ts (a no-op when web/dist is newer than every file in web/). */
export function buildWeb() {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-web.ts')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`web build failed:\n${r.stdout}\n${r.stderr}`);
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => s.close(() => resolve(true)));
    s.listen(port, '127.0.0.1');
  });
}

/** A free port in 3150-3199, starting from a random offset so parallel files rarely collide. */
async function pickPort(): Promise<number> {
  const start = Math.floor(Math.random() * 50);
  for (let i = 0; i < 50; i++) {
    const port = 3150 + ((start + i) % 50);
    if (await portFree(port)) return port;
  }
  throw new Error('no free port in 3150-3199');
}

/** `playmaker serve` on an empty data directory: migrates, seeds the demo workspace, serves API + web app. */
export async function startServer(opts: { env?: Record<string, string> } = {}): Promise<Server> {
  buildWeb();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pm-e2e-'));
  // The migrated test snapshot: the server skips initdb and the migrations, and seeds as on an empty dir.
  await writePgliteDataDir(dataDir);
  const port = await pickPort();
  let log = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PLAYMAKER_DATA_DIR: dataDir,
    PLAYMAKER_ADMIN_EMAIL: ADMIN.email,
    PLAYMAKER_ADMIN_PASSWORD: ADMIN.password,
    PLAYMAKER_ADMIN_TOKEN: ADMIN.token,
    PLAYMAKER_SECRET_KEY: randomBytes(32).toString('hex'),
    PLAYMAKER_LOGIN_RATE_LIMIT: '1000',
    LOG_LEVEL: 'warn',
  };
  // Always the embedded database, never a developer's PostgreSQL or SMTP server (a test may name its own).
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.TEST_DATABASE_URL;
  Object.assign(env, opts.env);
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'src/main.ts'), 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => {
    log += String(d);
  });
  child.stderr!.on('data', (d) => {
    log += String(d);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const api = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([
        new Promise((r) => child.once('exit', r)),
        new Promise((r) => setTimeout(r, 10_000)),
      ]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, stop, api, output: () => log };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh context (own cookies) and page; browser errors are collected so tests can assert there were none. */
export async function newPage(
  browser: Browser,
  baseUrl: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed requests are reported (with their URL) by the response listener below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    // A 401 from GET /me before signing in is expected; a missing endpoint or a server error is a bug.
    if (r.status() === 404 || r.status() >= 500)
      errors.push(`http ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return { context, page, errors };
}

export async function login(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My Portfolio' }).waitFor();
}

/** Signs in unless this page's session already is (tests in one file share a page). */
export async function ensureSignedIn(page: Page) {
  await page.goto('/portfolio');
  const signIn = page.getByLabel('E-mail');
  await signIn
    .or(page.getByRole('button', { name: 'Quick actions' }))
    .first()
    .waitFor();
  if (await signIn.isVisible()) await login(page);
}

/** What a browser test file works with: its own server, Chromium, and one page whose errors are collected. */
export type BrowserSuite = { server: Server; browser: Browser; page: Page; errors: string[] };

export type BrowserSuiteOptions = {
  /** Extra server environment, read when the suite starts (it may name what an earlier `before` started). */
  env?: () => Record<string, string>;
  /** Runs once the server is up, before the browser starts (data made through `server.api`). */
  setup?: (server: Server) => Promise<void>;
  /** Sign the page in as the admin before the first test. */
  signIn?: boolean;
};

/**
 * The before/after of every browser test file: a freshly seeded server, Chromium and one page
 * (signed in when asked); afterwards the browser is closed and the server stopped. Call it inside
 * `describe`; `bind` receives the suite once it is ready (assign the file's `page`, `server`, … there).
 */
export function browserSuite(opts: BrowserSuiteOptions, bind: (suite: BrowserSuite) => void): void {
  let server: Server | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer({ env: opts.env?.() });
    await opts.setup?.(server);
    browser = await launchBrowser();
    const { page, errors } = await newPage(browser, server.baseUrl);
    if (opts.signIn) await login(page);
    bind({ server, browser, page, errors });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
};

/** Runs axe-core on the page (WCAG 2 A/AA rules); returns serious and critical violations only. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (scripts from 'self' only) does not block it.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.html.slice(0, 160))
          .join(' | ')}`,
    );
}

/** Runs a browser step; on failure saves a screenshot to .tmp/e2e-<name>.png (for the person reading the failure). */
export async function withShot(page: () => Page, name: string, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (err) {
    const file = path.join(
      root,
      '.tmp',
      `e2e-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`,
    );
    await page()
      .screenshot({ path: file, fullPage: true })
      .catch(() => {});
    throw err;
  }
}

/** Waits until an input shows `value` (a picker fills in its label once the option has loaded). */
export async function waitForInputValue(input: Locator, value: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await input.inputValue();
    if (now === value) return;
    if (Date.now() > deadline)
      throw new Error(`expected the input to show "${value}", it shows "${now}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
