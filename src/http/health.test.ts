// /healthz and /readyz as an orchestrator sees them: ready on a migrated database with live workers,
// 503 naming the cause when the database stops, a migration is missing or a worker loop is stuck.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { createDeps } from '../deps.ts';
import { testClock, testDatabase, TEST_SECRET_KEY, usingPostgres } from '../test/harness.ts';
import { buildApp, type App } from './app.ts';
import { HEARTBEAT_STALE_MS, type Heartbeat } from './health.ts';

/** A loopback TCP relay in front of PostgreSQL, so the test can "stop the database" for one app only. */
async function relay(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: (() => {
      const u = new URL(target);
      u.host = `127.0.0.1:${port}`;
      return u.toString();
    })(),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function appOn(database: Database, heartbeats: Heartbeat[]): Promise<App> {
  const config = loadConfig({ LOG_LEVEL: 'silent', PLAYMAKER_SECRET_KEY: TEST_SECRET_KEY });
  const app = await buildApp(createDeps(config, database, testClock()), { heartbeats });
  await app.ready();
  return app;
}

describe('health and readiness probes', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  });
  let stuck = false;
  const engine: Heartbeat = {
    name: 'play engine',
    lastBeat: () => (stuck ? Date.now() - HEARTBEAT_STALE_MS - 1000 : Date.now()),
  };

  it('answers ready on a migrated database with a live worker loop, and alive without asking the database', async () => {
    const database = await testDatabase();
    cleanup.push(() => database.close());
    const app = await appOn(database, [engine]);
    cleanup.push(() => app.close());
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200, ready.body);
    assert.equal(ready.json().status, 'ready');
    assert.deepEqual(
      ready.json().checks.map((c: { name: string }) => c.name),
      ['database', 'migrations', 'play engine'],
    );
    assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).json().status, 'ok');

    stuck = true;
    const stale = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(stale.statusCode, 503);
    assert.equal(stale.json().error.code, 'not_ready');
    assert.deepEqual(
      stale.json().error.details.map((d: { path: string }) => d.path),
      ['play engine'],
    );
    stuck = false;

    await database.db.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
    );
    const behind = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(behind.statusCode, 503);
    assert.match(behind.json().error.message, /migrations — .* not applied; run playmaker migrate/);
  });

  it('answers 503 naming the database once the database stops, while /healthz stays 200', async () => {
    let stopDatabase: () => Promise<unknown>;
    let database: Database;
    if (usingPostgres()) {
      const direct = await testDatabase();
      cleanup.push(() => direct.close());
      const proxy = await relay(new URL(direct.url!));
      database = await openDatabase({ url: proxy.url, poolSize: 2 });
      cleanup.push(() => database.close());
      stopDatabase = proxy.stop;
    } else {
      database = await testDatabase();
      stopDatabase = () => database.close();
    }
    const app = await appOn(database, [engine]);
    cleanup.push(() => app.close());
    assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
    await stopDatabase();
    const down = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(down.statusCode, 503, down.body);
    assert.equal(down.json().error.details[0].path, 'database');
    assert.match(down.json().error.details[0].message, /^unreachable/);
    assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  });
});
