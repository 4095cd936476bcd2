// Helpers for tests that run real Playmaker processes against one PostgreSQL database
// (src/plays/workers.test.ts, src/plays/workers-pgbouncer.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { TEST_SECRET_KEY } from './harness.ts';

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
 * Waits until one worker holds an uncommitted firing of the play (its claim wrote, so its connection
 * has an xid; workers tag connections `pm-worker-<label>`), SIGKILLs that worker and waits for it to
 * die. Returns its label and how many of the play's tasks existed at the kill.
 */
export async function killWorkerMidFiring(
  db: DbOrTx,
  workers: PlaymakerProcess[],
  playId: string,
): Promise<{ victim: string; firedBefore: number }> {
  const taskCount = async () =>
    (
      await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from tasks where play_id = ${playId}::uuid`,
      )
    )[0]!.n;
  let victim: string | undefined;
  await waitUntil('a worker holding an open firing', 120_000, async () => {
    if ((await taskCount()) === 0) return false;
    const [busy] = await queryRows<{ name: string }>(
      db,
      sql`select application_name as name from pg_stat_activity
      where datname = current_database() and application_name like 'pm-worker-%' and backend_xid is not null limit 1`,
    );
    victim = busy?.name.replace('pm-worker-', '');
    return Boolean(victim);
  });
  const firedBefore = await taskCount();
  const killed = workers.find((x) => x.label === victim)!;
  killed.kill('SIGKILL');
  await new Promise((r) => killed.once('exit', r));
  return { victim: victim!, firedBefore };
}
