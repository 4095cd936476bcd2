import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { runPendingJobs, testContext, type TestContext } from '../test/harness.ts';
import { defineJob } from './registry.ts';

const ran: Array<{ n: number; jobId: string }> = [];
let failuresLeft = 0;
const echo = defineJob({
  name: 'test-echo',
  payload: z.object({ n: z.number().int() }),
  options: { retryLimit: 2, retryDelaySeconds: 60, retryBackoff: false },
  async handler(_deps, payload, meta) {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error('transient');
    }
    ran.push({ n: payload.n, jobId: meta.jobId });
  },
});

describe('job queue', () => {
  let t: TestContext;
  before(async () => {
    t = await testContext({ jobs: [echo] });
  });
  after(() => t.close());
  const reset = () => {
    ran.length = 0;
    failuresLeft = 0;
  };

  it('a job sent inside a rolled-back transaction never runs; a committed one runs once', async () => {
    reset();
    await assert.rejects(
      t.deps.db.transaction(async (tx) => {
        await t.deps.queue.send(echo, { n: 1 }, { tx });
        throw new Error('roll back');
      }),
      /roll back/,
    );
    await t.deps.db.transaction(async (tx) => {
      await t.deps.queue.send(echo, { n: 2 }, { tx });
    });
    assert.equal(await runPendingJobs(t, 'test-echo'), 1);
    assert.deepEqual(
      ran.map((r) => r.n),
      [2],
    );
    assert.equal(await runPendingJobs(t), 0);
  });

  it("sendMany enqueues many jobs in the caller's transaction, all or nothing", async () => {
    reset();
    await assert.rejects(
      t.deps.db.transaction(async (tx) => {
        await t.deps.queue.sendMany(echo, [{ n: 10 }, { n: 11 }], { tx });
        throw new Error('roll back');
      }),
    );
    await assert.rejects(
      t.deps.queue.sendMany(echo, [{ n: 12 }, { n: 'bad' } as unknown as { n: number }]),
      /Invalid payload/,
    );
    await t.deps.db.transaction((tx) =>
      t.deps.queue.sendMany(echo, [{ n: 13 }, { n: 14 }], { tx }),
    );
    assert.equal(await runPendingJobs(t), 2);
    assert.deepEqual(ran.map((r) => r.n).sort(), [13, 14]);
  });

  it('validates payloads on send and again on receipt', async () => {
    reset();
    await assert.rejects(
      t.deps.queue.send(echo, { n: 'x' } as unknown as { n: number }),
      /Invalid payload for job "test-echo"/,
    );
    // A row written around the typed queue (e.g. by an older version) is refused by the worker.
    await t.jobs.boss.send('test-echo', { n: 1.5 }, { retryLimit: 0, startAfter: t.clock.now() });
    await runPendingJobs(t, 'test-echo');
    assert.equal(ran.length, 0);
  });

  it('honours startAfter on the injected clock and retries failures after the delay', async () => {
    reset();
    const later = new Date(t.clock.now().getTime() + 3_600_000);
    await t.deps.queue.send(echo, { n: 3 }, { startAfter: later });
    assert.equal(await runPendingJobs(t), 0);
    t.clock.advanceMs(3_600_000);
    failuresLeft = 1;
    assert.equal(await runPendingJobs(t), 1);
    assert.equal(ran.length, 0, 'first attempt failed');
    t.clock.advanceMs(30_000);
    assert.equal(await runPendingJobs(t), 0, 'retry not due before its delay');
    t.clock.advanceMs(31_000);
    assert.equal(await runPendingJobs(t), 1);
    assert.deepEqual(
      ran.map((r) => r.n),
      [3],
    );
  });

  it('concurrent drains claim each job exactly once (row-locked claims)', async () => {
    reset();
    for (let i = 0; i < 40; i++) await t.deps.queue.send(echo, { n: i });
    const counts = await Promise.all([runPendingJobs(t), runPendingJobs(t), runPendingJobs(t)]);
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      40,
    );
    assert.equal(new Set(ran.map((r) => r.jobId)).size, 40);
    assert.equal(ran.length, 40);
  });
});
