import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attributeDefinitions } from '../db/schema/index.ts';
import {
  accountRows,
  assertCleanLogs,
  assertOneTaskPerAccount,
  assertWebhooksOncePerAccount,
  killWorkerMidFiring,
  processBed,
  slowReceiver,
  startWorker,
  startWorkers,
  taskAndWebhookPlay,
  waitForDrain,
  type ProcessBedWithApi,
} from '../test/processes.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';

const ACCOUNTS = 10_000;
const skip = process.env.TEST_DATABASE_URL
  ? false
  : 'needs TEST_DATABASE_URL: several worker processes share one PostgreSQL database (PGlite is one process)';

describe('plays across worker processes', { skip }, () => {
  let bed: ProcessBedWithApi;
  let receiver: Awaited<ReturnType<typeof slowReceiver>>;

  before(async () => {
    bed = await processBed('workers', { api: true });
    receiver = await slowReceiver();
  });
  after(async () => {
    await bed?.close();
    await receiver?.close();
  });

  it(
    '4 workers, one SIGKILLed mid-run and replaced: one task per account, every webhook delivered with one stable id',
    { timeout: 420_000 },
    async (t) => {
      const { deps, app, processes: workers } = bed;
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
      const created = await call(
        'POST',
        '/api/v1/plays',
        w.tokens.advanced,
        taskAndWebhookPlay({
          health: 'red',
          flowId: w.flow.id,
          assigneeId: w.users.standard.id,
          webhookUrl: receiver.url,
        }),
      );
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

      await startWorkers(4, bed.url, bed.dataDir, { track: workers });
      const bulk = await call('POST', '/api/v1/accounts/bulk', w.tokens.admin, {
        rows: accountRows(ACCOUNTS, 'wk', { health: 'red' }),
      });
      assert.equal(bulk.statusCode, 200, bulk.body);

      // Mid-run: kill the worker holding an uncommitted batch.
      const { victim, firedBefore: before } = await killWorkerMidFiring(deps.db, workers, playId);
      await startWorker(bed.url, bed.dataDir, 'replacement', undefined, workers);

      await waitForDrain(deps.db, playId, ACCOUNTS);
      const deliveries = await assertWebhooksOncePerAccount(deps.db, receiver, playId, ACCOUNTS);
      t.diagnostic(
        `killed worker ${victim} (holding an open batch) when ${before} of ${ACCOUNTS} accounts had fired; the receiver got ${receiver.received.length} requests for ${deliveries} deliveries`,
      );
      assert.ok(
        before < ACCOUNTS,
        `the kill happened mid-run (${before} of ${ACCOUNTS} had fired)`,
      );
      await assertOneTaskPerAccount(deps.db, playId, ACCOUNTS);
      assertCleanLogs(workers, /\[plays\] .*failed/);
    },
  );
});
