import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountRows,
  assertCleanLogs,
  assertOneTaskPerAccount,
  assertWebhooksOncePerAccount,
  enableRedAccountsPlay,
  killWorkerMidFiring,
  processBed,
  seedWithHealth,
  slowReceiver,
  startWorker,
  startWorkers,
  waitForDrain,
  type ProcessBedWithApi,
} from '../test/processes.ts';
import { bearer } from '../test/fixtures.ts';

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
      const w = await seedWithHealth(deps);
      const call = async (method: 'POST' | 'PUT', url: string, token: string, payload: object) => {
        const res = await app.inject({ method, url, headers: bearer(token), payload });
        return { status: res.statusCode, body: res.body };
      };
      const playId = await enableRedAccountsPlay(call, w, receiver.url);

      await startWorkers(4, bed.url, bed.dataDir, { track: workers });
      const bulk = await call('POST', '/api/v1/accounts/bulk', w.tokens.admin, {
        rows: accountRows(ACCOUNTS, 'wk', { health: 'red' }),
      });
      assert.equal(bulk.status, 200, bulk.body);

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
