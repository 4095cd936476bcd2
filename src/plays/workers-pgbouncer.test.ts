// The multi-process scenario of workers.test.ts behind PgBouncer in transaction pooling mode: every
// Playmaker process reaches the database through PgBouncer (DATABASE_URL) and migrates and LISTENs on
// the direct URL (PLAYMAKER_DIRECT_URL). PostgreSQL only; needs Debian's `pgbouncer` (.ci/run installs it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import {
  accountRows,
  assertCleanLogs,
  assertOneTaskPerAccount,
  assertWebhooksOncePerAccount,
  enableRedAccountsPlay,
  countOf,
  freePort,
  killWorkerMidFiring,
  processBed,
  seedWithHealth,
  slowReceiver,
  startPlaymaker,
  startWorker,
  startWorkers,
  stopAll,
  waitForDrain,
  waitUntil,
  type ProcessBed,
} from '../test/processes.ts';

const ACCOUNTS = 2_000;

/** The pgbouncer binary (Debian puts it in /usr/sbin, which a non-root PATH may lack), or null. */
function findPgbouncer(): string | null {
  for (const candidate of ['pgbouncer', '/usr/sbin/pgbouncer', '/usr/bin/pgbouncer']) {
    if (spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return null;
}

const pgbouncerBin = process.env.TEST_DATABASE_URL ? findPgbouncer() : null;
// CI installs pgbouncer: there a missing binary fails the test instead of silently dropping it.
const mustRun = process.env.CI === 'true';
const skip = !process.env.TEST_DATABASE_URL
  ? 'needs TEST_DATABASE_URL: PgBouncer pools a PostgreSQL server (PGlite is one process)'
  : !pgbouncerBin && !mustRun
    ? 'pgbouncer is not installed (apt-get install pgbouncer); skipped outside CI'
    : false;

/** Starts PgBouncer (transaction pooling) on a free loopback port in front of `directUrl`'s database. */
async function startPgbouncer(bin: string, directUrl: string) {
  const direct = new URL(directUrl);
  const dir = mkdtempSync(path.join(tmpdir(), 'pm-pgbouncer-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const dbname = direct.pathname.slice(1);
  const user = decodeURIComponent(direct.username || 'postgres');
  const ini = path.join(dir, 'pgbouncer.ini');
  writeFileSync(
    ini,
    [
      '[databases]',
      `${dbname} = host=127.0.0.1 port=${direct.port || 5432} dbname=${dbname} user=${user}${direct.password ? ` password=${decodeURIComponent(direct.password)}` : ''}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      // Every database entry logs in as its configured user, so clients need no password.
      'auth_type = any',
      'pool_mode = transaction',
      'max_client_conn = 200',
      'default_pool_size = 20',
      'ignore_startup_parameters = extra_float_digits,options',
      'server_reset_query =',
      'logfile =',
      'pidfile =',
    ].join('\n') + '\n',
    { mode: 0o644 },
  );
  // PgBouncer refuses to run as root.
  const args = process.getuid?.() === 0 ? ['-u', 'postgres', ini] : [ini];
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  });
  child.stderr!.on('data', (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  });
  const url = `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${dbname}`;
  await waitUntil('pgbouncer to accept connections', 20_000, async () => {
    if (child.exitCode !== null)
      throw new Error(`pgbouncer exited with ${child.exitCode}:\n${out}`);
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  });
  return {
    url,
    log: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('plays across processes behind PgBouncer (transaction pooling)', { skip }, () => {
  let bed: ProcessBed | undefined;
  let bouncer: Awaited<ReturnType<typeof startPgbouncer>> | undefined;
  let receiver: Awaited<ReturnType<typeof slowReceiver>>;

  before(async () => {
    if (!pgbouncerBin) return;
    // The test itself seeds and observes on the direct connection.
    bed = await processBed('pgbouncer-workers');
    bouncer = await startPgbouncer(pgbouncerBin, bed.url);
    receiver = await slowReceiver();
  });
  after(async () => {
    if (bed) await stopAll(bed.processes);
    await receiver?.close();
    // PgBouncer's server connections go before the database is dropped.
    await bouncer?.stop();
    await bed?.close();
  });

  it(
    '2 API + 3 worker processes through PgBouncer, a worker SIGKILLed mid-run and replaced, an API process SIGKILLed: one task per account, every webhook delivered with one stable id',
    { timeout: 420_000 },
    async (t) => {
      assert.ok(
        pgbouncerBin,
        'pgbouncer is not installed: CI must install it (.ci/run: apt-get install pgbouncer)',
      );
      const { deps, dataDir, processes } = bed!;
      const pooled = bouncer!.url;
      const env = { PLAYMAKER_DIRECT_URL: bed!.url };
      const started = Date.now();
      const secs = () => `${Math.round((Date.now() - started) / 1000)} s`;
      const w = await seedWithHealth(deps);

      // Two API-only processes and three workers, all pooled through PgBouncer; started together, so
      // their migrations (on the direct URL) race as in a real rollout.
      const ports = [await freePort(), await freePort()];
      const apis = await Promise.all(
        ports.map((port, i) =>
          startPlaymaker('serve', ['--no-worker'], {
            url: pooled,
            dataDir,
            label: `api${i}`,
            ready: 'Playmaker is running at',
            env: { ...env, PORT: String(port), HOST: '127.0.0.1', PLAYMAKER_SEED: 'none' },
            track: processes,
          }),
        ),
      );
      const workers = await startWorkers(3, pooled, dataDir, { env, track: processes });

      const call = async (
        api: number,
        method: 'POST' | 'PUT' | 'GET',
        url: string,
        token: string,
        payload?: object,
      ) => {
        const res = await fetch(`http://127.0.0.1:${ports[api]}${url}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/json' } : {}),
          },
          ...(payload ? { body: JSON.stringify(payload) } : {}),
        });
        const body = await res.text();
        return {
          status: res.status,
          body,
          json: () => JSON.parse(body) as Record<string, unknown>,
        };
      };
      // Through both API processes in turn: the allowlist on A, the play created on B, enabled on A.
      let turn = 0;
      const playId = await enableRedAccountsPlay(
        (method, url, token, body) => call(turn++ % 2, method, url, token, body),
        w,
        receiver.url,
      );

      // Half the accounts through each API process, at the same time.
      const rows = accountRows(ACCOUNTS, 'pb', { health: 'red' });
      const half = ACCOUNTS / 2;
      const bulks = await Promise.all(
        [0, 1].map((api) =>
          call(api, 'POST', '/api/v1/accounts/bulk', w.tokens.admin, {
            rows: rows.slice(api * half, (api + 1) * half),
          }),
        ),
      );
      for (const b of bulks) assert.equal(b.status, 200, b.body);
      // One API process dies; the other keeps answering.
      apis[1]!.kill('SIGKILL');
      await new Promise((r) => apis[1]!.once('exit', r));

      // Mid-run: kill the worker holding an uncommitted batch (PgBouncer passes each client's
      // application_name to the server connection it lends, so the holder is known).
      const { victim, firedBefore: before } = await killWorkerMidFiring(deps.db, workers, playId);
      await startWorker(pooled, dataDir, 'replacement', env, processes);

      await waitForDrain(deps.db, playId, ACCOUNTS);
      const fired = secs();
      const deliveries = await assertWebhooksOncePerAccount(deps.db, receiver, playId, ACCOUNTS);
      t.diagnostic(
        `killed worker ${victim} (holding an open batch) when ${before} of ${ACCOUNTS} accounts had fired; all fired at ${fired}, all webhooks received at ${secs()} (a killed worker's claimed delivery waits for its job to expire); the receiver got ${receiver.received.length} requests for ${deliveries} deliveries`,
      );
      assert.ok(
        before < ACCOUNTS,
        `the kill happened mid-run (${before} of ${ACCOUNTS} had fired)`,
      );
      await assertOneTaskPerAccount(deps.db, playId, ACCOUNTS);

      // The surviving API process still answers through the pool.
      const listed = await call(0, 'GET', `/api/v1/plays/${playId}`, w.tokens.advanced);
      assert.equal(listed.status, 200, listed.body);
      // The workers' change listeners hold LISTEN on direct connections, not on PgBouncer's.
      const listeners = await countOf(
        deps.db,
        sql`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and application_name = 'playmaker-changes' and query ilike 'listen%'`,
      );
      assert.ok(listeners >= 3, `${listeners} change listeners on direct connections`);
      assertCleanLogs(
        processes,
        /\[plays\] .*failed|prepared statement|advisory lock|LISTEN connection lost/i,
      );
    },
  );
});
