import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { createDeps } from '../deps.ts';
import { buildApp, type App } from '../http/app.ts';
import { startJobs, type JobsRuntime } from '../jobs/runtime.ts';
import { attributeDefinitions } from '../db/schema/index.ts';
import { queryRows } from '../db/rows.ts';
import { TEST_SECRET_KEY, testDatabase } from '../test/harness.ts';
import {
  killWorkerMidFiring,
  slowReceiver,
  startWorker,
  waitUntil,
  type PlaymakerProcess,
} from '../test/processes.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import type { Deps } from '../context.ts';

const ACCOUNTS = 10_000;
const skip = process.env.TEST_DATABASE_URL
  ? false
  : 'needs TEST_DATABASE_URL: several worker processes share one PostgreSQL database (PGlite is one process)';

describe('plays across worker processes', { skip }, () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let deps: Deps;
  let app: App;
  let jobs: JobsRuntime;
  let receiver: Awaited<ReturnType<typeof slowReceiver>>;
  let dataDir: string;
  const workers: PlaymakerProcess[] = [];

  before(async () => {
    database = await testDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'pm-workers-'));
    deps = createDeps(
      loadConfig({
        DATABASE_URL: database.url,
        PLAYMAKER_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        PLAYMAKER_SECRET_KEY: TEST_SECRET_KEY,
      }),
      database,
    );
    jobs = await startJobs(deps, database, { work: false, poolSize: 2 });
    app = await buildApp(deps);
    await app.ready();
    receiver = await slowReceiver();
  });
  after(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
    await Promise.all(
      workers.map((w) =>
        w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once('exit', r)) : null,
      ),
    );
    await receiver?.close();
    await app?.close();
    await jobs?.stop();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    '4 workers, one SIGKILLed mid-run and replaced: one task per account, every webhook delivered with one stable id',
    { timeout: 420_000 },
    async (t) => {
      const w = await seedWorkspace(deps);
      const ws = w.workspace.id;
      await deps.db.insert(attributeDefinitions).values({
        workspaceId: ws,
        entity: 'account',
        key: 'health',
        label: 'Health',
        type: 'text',
      });
      const call = (method: 'POST' | 'PUT', url: string, token: string, payload: object) =>
        app.inject({ method, url, headers: bearer(token), payload });
      assert.equal(
        (
          await call('PUT', '/api/v1/webhooks/allowlist', w.tokens.admin, {
            entries: ['127.0.0.1/32'],
          })
        ).statusCode,
        200,
      );
      const created = await call('POST', '/api/v1/plays', w.tokens.advanced, {
        name: 'Red accounts',
        description: 'Call and tell the CRM',
        subject: 'accounts',
        trigger: { type: 'enter' },
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
        actions: [
          {
            id: 'call',
            type: 'create_task',
            title: 'Call {{account.name}}',
            description: 'Health is red',
            dueInDays: 2,
            flowId: w.flow.id,
            assignee: { type: 'user', userId: w.users.standard.id },
          },
          {
            id: 'crm',
            type: 'webhook',
            webhook: {
              name: 'CRM',
              urlTemplate: `${receiver.url}/accounts/{{account.external_id}}`,
            },
          },
        ],
      });
      assert.equal(created.statusCode, 201, created.body);
      const playId = created.json().id as string;
      assert.equal(
        (
          await call('POST', `/api/v1/plays/${playId}/enable`, w.tokens.advanced, {
            fireNow: false,
          })
        ).statusCode,
        200,
      );

      for (let i = 0; i < 4; i++) workers.push(await startWorker(database.url!, dataDir, `w${i}`));
      const rows = Array.from({ length: ACCOUNTS }, (_, i) => ({
        externalId: `wk-${i}`,
        name: `Worker account ${i}`,
        attributes: { health: 'red' },
      }));
      const bulk = await call('POST', '/api/v1/accounts/bulk', w.tokens.admin, { rows });
      assert.equal(bulk.statusCode, 200, bulk.body);

      const count = async (q: ReturnType<typeof sql>) =>
        (await queryRows<{ n: number }>(deps.db, q))[0]!.n;
      const taskCount = () =>
        count(sql`select count(*)::int as n from tasks where play_id = ${playId}::uuid`);
      // Mid-run: kill the worker holding an uncommitted batch.
      const { victim, firedBefore: before } = await killWorkerMidFiring(deps.db, workers, playId);
      workers.push(await startWorker(database.url!, dataDir, 'replacement'));

      await waitUntil(
        'every account to fire',
        150_000,
        async () =>
          (await taskCount()) >= ACCOUNTS &&
          (await count(
            sql`select count(*)::int as n from change_events where processed_at is null`,
          )) === 0,
      );
      const deliveries = await queryRows<{ id: string; external_id: string }>(
        deps.db,
        sql`
      select d.id, a.external_id from webhook_deliveries d join accounts a on a.id = d.account_id where d.play_id = ${playId}::uuid`,
      );
      const idOf = new Map(deliveries.map((d) => [d.id, d.external_id]));
      // A delivery claimed by the killed worker is retried once its job expires (90 s) and the retry delay passes.
      await waitUntil(
        'every webhook to be received',
        300_000,
        async () =>
          new Set(receiver.received.map((r) => r.id).filter((id) => idOf.has(id))).size >=
          idOf.size,
      );

      t.diagnostic(
        `killed worker ${victim} (holding an open batch) when ${before} of ${ACCOUNTS} accounts had fired; the receiver got ${receiver.received.length} requests for ${idOf.size} deliveries`,
      );
      assert.ok(
        before < ACCOUNTS,
        `the kill happened mid-run (${before} of ${ACCOUNTS} had fired)`,
      );
      const [made] = await queryRows<{ n: number; accounts: number; open: number }>(
        deps.db,
        sql`
      select count(*)::int as n, count(distinct account_id)::int as accounts, count(*) filter (where status = 'open')::int as open
      from tasks where play_id = ${playId}::uuid`,
      );
      assert.deepEqual(
        made,
        { n: ACCOUNTS, accounts: ACCOUNTS, open: ACCOUNTS },
        'exactly one open task per account, none duplicated',
      );
      assert.equal(
        await count(
          sql`select count(*)::int as n from play_memberships where play_id = ${playId}::uuid`,
        ),
        ACCOUNTS,
      );
      // One delivery (one stable id) per (play action, account) …
      assert.equal(deliveries.length, ACCOUNTS);
      assert.equal(new Set(deliveries.map((d) => d.external_id)).size, ACCOUNTS);
      // … every one received at least once, and every request for an account carried that account's id.
      for (const r of receiver.received) {
        const ext = idOf.get(r.id);
        assert.ok(ext, `unknown webhook-id ${r.id}`);
        assert.equal(r.url, `/accounts/${ext}`);
      }
      assert.equal(new Set(receiver.received.map((r) => r.id)).size, ACCOUNTS);
      for (const w2 of workers.filter((x) => x.exitCode === null && x.signalCode === null))
        assert.doesNotMatch(w2.log(), /\[plays\] .*failed/);
    },
  );
});
