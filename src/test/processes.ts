// Helpers for tests that run real Playmaker processes against one PostgreSQL database
// (src/plays/workers.test.ts, src/plays/journeys/journey-workers.test.ts,
// src/plays/workers-pgbouncer.test.ts, src/live/live-processes.test.ts): set up the shared database,
// start N processes, kill one mid-work, wait for the engine to drain, check the exactly-once invariants.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import type { Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { createDeps } from '../deps.ts';
import { buildApp, type App } from '../http/app.ts';
import { startJobs } from '../jobs/runtime.ts';
import { attributeDefinitions } from '../db/schema/index.ts';
import { TEST_SECRET_KEY, testDatabase } from './harness.ts';
import { seedWorkspace } from './fixtures.ts';

export const root = path.resolve(import.meta.dirname, '..', '..');

export type PlaymakerProcess = ChildProcess & { log(): string; label: string };

/**
 * A `playmaker <command>` process; resolves once its output contains `ready`. `env` adds to (or
 * overrides) the defaults: the test secret key, the data dir, LOG_LEVEL=warn and PGAPPNAME
 * `pm-<command>-<label>`, which tags its pool connections so a test can see which one holds an open
 * firing. `track` gets the process as soon as it is spawned.
 */
export function startPlaymaker(
  command: 'worker' | 'serve',
  args: string[],
  opts: {
    url: string;
    dataDir: string;
    label: string;
    ready: string;
    env?: Record<string, string>;
    track?: PlaymakerProcess[];
  },
): Promise<PlaymakerProcess> {
  // The Node 24 binary this test runs on: the same one `npx node` resolves to, without npx in between, so SIGKILL hits the process itself.
  const child = spawn(process.execPath, [path.join(root, 'src/main.ts'), command, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: opts.url,
      PLAYMAKER_SECRET_KEY: TEST_SECRET_KEY,
      PLAYMAKER_DATA_DIR: opts.dataDir,
      LOG_LEVEL: 'warn',
      PGAPPNAME: `pm-${command}-${opts.label}`,
      ...opts.env,
    },
  });
  let out = '';
  const p = Object.assign(child, { log: () => out, label: opts.label });
  // Tracked from the spawn on, so a test's cleanup stops it even when another process failed to start.
  opts.track?.push(p);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${command} ${opts.label} did not start:\n${out}`)),
      90_000,
    );
    const read = (b: Buffer) => {
      out = (out + b.toString()).slice(-20_000);
      if (out.includes(opts.ready)) {
        clearTimeout(timer);
        resolve(p);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${opts.label} exited with ${code}:\n${out}`));
    });
  });
}

/** A fresh test database the processes share, the test's own deps on it (seeding, observing) and their data dir. */
export type ProcessBed = {
  url: string;
  deps: Deps;
  dataDir: string;
  /** The processes the test starts; `close` stops them first. */
  processes: PlaymakerProcess[];
  close(): Promise<void>;
};

export type ProcessBedWithApi = ProcessBed & { app: App };

/**
 * Sets up a `ProcessBed` (`name` names its data dir); with `api`, also an in-process app (driven
 * with `app.inject`) whose job queue sends but does not work: the worker processes do. The test's
 * deps keep the real clock, as the processes do.
 */
export async function processBed(name: string): Promise<ProcessBed>;
export async function processBed(name: string, opts: { api: true }): Promise<ProcessBedWithApi>;
export async function processBed(name: string, opts: { api?: boolean } = {}) {
  const database = await testDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), `pm-${name}-`));
  const deps = createDeps(
    loadConfig({
      DATABASE_URL: database.url,
      PLAYMAKER_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      PLAYMAKER_SECRET_KEY: TEST_SECRET_KEY,
    }),
    database,
  );
  const jobs = opts.api ? await startJobs(deps, database, { work: false, poolSize: 2 }) : null;
  const app = opts.api ? await buildApp(deps) : null;
  await app?.ready();
  const processes: PlaymakerProcess[] = [];
  return {
    url: database.url!,
    deps,
    dataDir,
    processes,
    ...(app ? { app } : {}),
    async close() {
      await stopAll(processes);
      await app?.close();
      await jobs?.stop();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A `playmaker worker` process on the test database; resolves once it reports it is running. */
export function startWorker(
  url: string,
  dataDir: string,
  label: string,
  env?: Record<string, string>,
  track?: PlaymakerProcess[],
): Promise<PlaymakerProcess> {
  return startPlaymaker('worker', [], {
    url,
    dataDir,
    label,
    ready: 'Playmaker worker is running',
    ...(env ? { env } : {}),
    ...(track ? { track } : {}),
  });
}

/** Stops what is still running (SIGTERM) and waits for every process to exit. */
export async function stopAll(processes: PlaymakerProcess[]): Promise<void> {
  const alive = processes.filter((p) => p.exitCode === null && p.signalCode === null);
  const exited = alive.map((p) => new Promise((r) => p.once('exit', r)));
  for (const p of alive) p.kill('SIGTERM');
  await Promise.all(exited);
}

/** A free loopback TCP port (bound and released at once). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A loopback webhook receiver that answers slowly, so a killed worker's requests are usually already received. */
export async function slowReceiver() {
  const received: Array<{ id: string; url: string }> = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push({ id: String(req.headers['webhook-id'] ?? ''), url: req.url ?? '' });
      setTimeout(() => {
        res.writeHead(200);
        res.end('ok');
      }, 150);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function waitUntil(
  what: string,
  ms: number,
  probe: () => Promise<boolean>,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Waits until `ready` holds and one worker holds an uncommitted write whose current statement
 * matches `statement` (an ILIKE pattern; its connection has an xid; workers tag connections
 * `pm-worker-<label>`), SIGKILLs that worker and waits for it to die. Returns its label.
 */
export async function killBusyWorker(
  db: DbOrTx,
  workers: PlaymakerProcess[],
  o: { what: string; ready: () => Promise<boolean>; statement?: string },
): Promise<string> {
  let victim: string | undefined;
  await waitUntil(o.what, 120_000, async () => {
    if (!(await o.ready())) return false;
    const [busy] = await queryRows<{ name: string }>(
      db,
      sql`select application_name as name from pg_stat_activity
      where datname = current_database() and application_name like 'pm-worker-%' and backend_xid is not null
        ${o.statement ? sql`and query ilike ${o.statement}` : sql``} limit 1`,
    );
    victim = busy?.name.replace('pm-worker-', '');
    return Boolean(victim);
  });
  const killed = workers.find((x) => x.label === victim)!;
  killed.kill('SIGKILL');
  await new Promise((r) => killed.once('exit', r));
  return victim!;
}

/**
 * Kills the worker holding an uncommitted firing of the play once some of its tasks exist. Returns
 * its label and how many of the play's tasks existed just before the kill.
 */
export async function killWorkerMidFiring(
  db: DbOrTx,
  workers: PlaymakerProcess[],
  playId: string,
): Promise<{ victim: string; firedBefore: number }> {
  let firedBefore = 0;
  const victim = await killBusyWorker(db, workers, {
    what: 'a worker holding an open firing',
    ready: async () =>
      (firedBefore = await countOf(
        db,
        sql`select count(*)::int as n from tasks where play_id = ${playId}::uuid`,
      )) > 0,
  });
  return { victim, firedBefore };
}

/** `n` worker processes labelled `<prefix>0…`, started together. */
export function startWorkers(
  n: number,
  url: string,
  dataDir: string,
  opts: { env?: Record<string, string>; track?: PlaymakerProcess[]; prefix?: string } = {},
): Promise<PlaymakerProcess[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      startWorker(url, dataDir, `${opts.prefix ?? 'w'}${i}`, opts.env, opts.track),
    ),
  );
}

/** The one-number answer of a `count(*)::int as n` query. */
export async function countOf(db: DbOrTx, query: SQL): Promise<number> {
  return (await queryRows<{ n: number }>(db, query))[0]!.n;
}

/** Accounts for a bulk upsert (`POST /accounts/bulk`): `<prefix>-<i>`, all with the same attributes. */
export function accountRows(n: number, prefix: string, attributes: Record<string, unknown>) {
  return Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    name: `${prefix} account ${i}`,
    attributes,
  }));
}

/**
 * An event play (POST /plays body) for accounts whose `health` turns `health`: a task for `assigneeId`
 * and, with `webhookUrl`, a webhook to `<webhookUrl>/accounts/<external id>` — the work whose
 * exactly-once the multi-process tests check.
 */
function taskAndWebhookPlay(o: {
  health: string;
  flowId: string;
  assigneeId: string;
  webhookUrl?: string;
}) {
  return {
    name: `${o.health} accounts`,
    description: 'Call and tell the CRM',
    subject: 'accounts',
    trigger: { type: 'enter' },
    criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: o.health },
    actions: [
      {
        id: 'call',
        type: 'create_task',
        title: 'Call {{account.name}}',
        description: `Health is ${o.health}`,
        dueInDays: 2,
        flowId: o.flowId,
        assignee: { type: 'user', userId: o.assigneeId },
      },
      ...(o.webhookUrl
        ? [
            {
              id: 'crm',
              type: 'webhook',
              webhook: {
                name: 'CRM',
                urlTemplate: `${o.webhookUrl}/accounts/{{account.external_id}}`,
              },
            },
          ]
        : []),
    ],
  };
}

/** A seeded workspace whose accounts have a text attribute `health` (what the scenario plays select on). */
export async function seedWithHealth(deps: Deps) {
  const w = await seedWorkspace(deps);
  await deps.db.insert(attributeDefinitions).values({
    workspaceId: w.workspace.id,
    entity: 'account',
    key: 'health',
    label: 'Health',
    type: 'text',
  });
  return w;
}

/** One JSON API request as the test sends it (in-process or over HTTP): its status and body. */
export type ApiCall = (
  method: 'POST' | 'PUT',
  url: string,
  token: string,
  body: object,
) => Promise<{ status: number; body: string }>;

/**
 * Through `call`: allows loopback webhooks, creates the `taskAndWebhookPlay` for accounts turning
 * red (tasks for the standard user, webhooks to `webhookUrl`) and enables it without firing. Its id.
 */
export async function enableRedAccountsPlay(
  call: ApiCall,
  w: Awaited<ReturnType<typeof seedWorkspace>>,
  webhookUrl: string,
): Promise<string> {
  const allowed = await call('PUT', '/api/v1/webhooks/allowlist', w.tokens.admin, {
    entries: ['127.0.0.1/32'],
  });
  assert.equal(allowed.status, 200, allowed.body);
  const created = await call(
    'POST',
    '/api/v1/plays',
    w.tokens.advanced,
    taskAndWebhookPlay({
      health: 'red',
      flowId: w.flow.id,
      assigneeId: w.users.standard.id,
      webhookUrl,
    }),
  );
  assert.equal(created.status, 201, created.body);
  const playId = (JSON.parse(created.body) as { id: string }).id;
  const enabled = await call('POST', `/api/v1/plays/${playId}/enable`, w.tokens.advanced, {
    fireNow: false,
  });
  assert.equal(enabled.status, 200, enabled.body);
  return playId;
}

/** Waits until the play has at least `tasks` tasks and no change event is left unprocessed. */
export async function waitForDrain(
  db: DbOrTx,
  playId: string,
  tasks: number,
  ms = 150_000,
): Promise<void> {
  await waitUntil(
    'the engine to drain',
    ms,
    async () =>
      (await countOf(
        db,
        sql`select count(*)::int as n from tasks where play_id = ${playId}::uuid`,
      )) >= tasks &&
      (await countOf(
        db,
        sql`select count(*)::int as n from change_events where processed_at is null`,
      )) === 0,
  );
}

/** Invariant after any number of workers (some killed): exactly one open task and one membership per account. */
export async function assertOneTaskPerAccount(
  db: DbOrTx,
  playId: string,
  accounts: number,
): Promise<void> {
  const [made] = await queryRows<{ n: number; accounts: number; open: number }>(
    db,
    sql`select count(*)::int as n, count(distinct account_id)::int as accounts,
      count(*) filter (where status = 'open')::int as open
      from tasks where play_id = ${playId}::uuid`,
  );
  assert.deepEqual(
    made,
    { n: accounts, accounts, open: accounts },
    'exactly one open task per account, none duplicated',
  );
  assert.equal(
    await countOf(
      db,
      sql`select count(*)::int as n from play_memberships where play_id = ${playId}::uuid`,
    ),
    accounts,
  );
}

/**
 * Waits until `receiver` got every delivery of the play (a killed worker's claimed delivery is
 * retried once its job expires), then checks: one delivery (one stable id) per account, each
 * received, every request for an account carrying that account's id. Returns how many there were.
 */
export async function assertWebhooksOncePerAccount(
  db: DbOrTx,
  receiver: Awaited<ReturnType<typeof slowReceiver>>,
  playId: string,
  accounts: number,
): Promise<number> {
  const deliveries = await queryRows<{ id: string; external_id: string }>(
    db,
    sql`select d.id, a.external_id from webhook_deliveries d join accounts a on a.id = d.account_id
      where d.play_id = ${playId}::uuid`,
  );
  const idOf = new Map(deliveries.map((d) => [d.id, d.external_id]));
  await waitUntil(
    'every webhook to be received',
    300_000,
    async () =>
      new Set(receiver.received.map((r) => r.id).filter((id) => idOf.has(id))).size >= idOf.size,
  );
  assert.equal(deliveries.length, accounts);
  assert.equal(new Set(deliveries.map((d) => d.external_id)).size, accounts);
  for (const r of receiver.received) {
    const ext = idOf.get(r.id);
    assert.ok(ext, `unknown webhook-id ${r.id}`);
    assert.equal(r.url, `/accounts/${ext}`);
  }
  assert.equal(new Set(receiver.received.map((r) => r.id)).size, accounts);
  return idOf.size;
}

/** No running process logged a line matching `problem` (a failed play, a pooling error …). */
export function assertCleanLogs(processes: PlaymakerProcess[], problem: RegExp): void {
  for (const p of processes.filter((x) => x.exitCode === null && x.signalCode === null))
    assert.doesNotMatch(p.log(), problem, `${p.label}:\n${p.log()}`);
}
