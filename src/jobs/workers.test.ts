import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { testContext, type TestContext } from '../test/harness.ts';
import { defineJob } from './registry.ts';
import { startJobs, type JobsRuntime } from './runtime.ts';

const seen: Array<{ n: number; worker: string }> = [];
const tally = defineJob({
  name: 'test-tally',
  payload: z.object({ n: z.number().int() }),
  options: { batchSize: 10, concurrency: 20 },
  async handler(deps, payload) {
    seen.push({ n: payload.n, worker: (deps as unknown as { workerName: string }).workerName });
  },
});

describe('background workers', () => {
  let t: TestContext;
  const workers: JobsRuntime[] = [];
  before(async () => {
    t = await testContext({ jobs: [tally] });
    // Two worker "processes": separate pg-boss instances (own pools on PostgreSQL) polling one database.
    for (const name of ['w1', 'w2'])
      workers.push(
        await startJobs({ ...t.deps, workerName: name } as typeof t.deps, t.database, {
          work: true,
          jobs: [tally],
          poolSize: 3,
        }),
      );
  });
  after(async () => {
    for (const w of workers) await w.stop();
    await t.close();
  });

  it('several workers run every job exactly once (row-locked claims)', async () => {
    await t.deps.db.transaction((tx) =>
      t.deps.queue.sendMany(
        tally,
        Array.from({ length: 200 }, (_, n) => ({ n })),
        { tx },
      ),
    );
    const deadline = Date.now() + 60_000;
    while (seen.length < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(seen.length, 200);
    assert.equal(new Set(seen.map((s) => s.n)).size, 200, 'no job ran twice');
  });
});
