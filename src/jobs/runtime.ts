import {
  PgBoss,
  fromPglite,
  type Job,
  type JobResult,
  type TestClock as BossTestClock,
} from 'pg-boss';
import type { Deps } from '../context.ts';
import type { Database } from '../db/client.ts';
import { allJobs, allSchedules } from './all-jobs.ts';
import { executeBatch } from './execute.ts';
import { createBossQueue, type Queue } from './queue.ts';
import type { JobDefinition } from './registry.ts';

export type JobsRuntime = {
  queue: Queue;
  /**
   * Runs every job that is due now (by the injected clock), including jobs those jobs enqueue,
   * until none is left or `maxRounds` passes ran nothing new. For tests and one-shot CLI runs.
   */
  drain(opts?: { names?: string[]; maxRounds?: number }): Promise<number>;
  stop(): Promise<void>;
  boss: PgBoss;
};

export type StartJobsOptions = {
  /** Poll and run jobs in this process (plus cron and maintenance); false = enqueue only. */
  work: boolean;
  /** Tests: a pg-boss TestClock kept in step with deps.clock, so due times follow the injected clock. */
  bossClock?: BossTestClock;
  /** Override the job list (tests of the runtime itself). */
  jobs?: JobDefinition<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Connections in pg-boss's own pool (PostgreSQL only). */
  poolSize?: number;
};

/**
 * Starts pg-boss on the process's database (its PGlite adapter in embedded mode, its own small pool
 * on PostgreSQL), creates one queue per job type, and with `work` registers the workers. Sets
 * `deps.queue` so handlers and use cases enqueue through the same queue.
 */
export async function startJobs(
  deps: Deps,
  database: Database,
  opts: StartJobsOptions,
): Promise<JobsRuntime> {
  const jobs = opts.jobs ?? allJobs;
  const common = {
    schema: 'pgboss',
    migrate: true,
    supervise: opts.work,
    schedule: opts.work,
    // Jobs held by a killed worker are found expired within 15 s instead of pg-boss's default 60 s.
    superviseIntervalSeconds: 15,
    registerInstance: opts.work,
    openTelemetry: { enabled: false },
    // Safe behind PgBouncer in transaction mode (DATABASE_URL may point at it): pg-boss takes only
    // transaction-scoped advisory locks, runs its migrations as one BEGIN…COMMIT statement, uses
    // node-postgres's unnamed prepared statements, and sets session state only for a TestClock
    // (tests). LISTEN/NOTIFY, which needs a session, stays off: workers poll.
    useListenNotify: false,
    ...(opts.bossClock ? { clock: opts.bossClock } : {}),
  };
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ ...common, db: fromPglite(database.pglite!), backend: 'pglite' })
      : new PgBoss({
          ...common,
          connectionString: poolConnectionString(database),
          max: opts.poolSize ?? 4,
          application_name: 'playmaker-jobs',
        });
  boss.on('error', (err) => console.error('[jobs]', err instanceof Error ? err.message : err));
  await boss.start();

  // Creating every queue up front also fills pg-boss's queue cache, so a send inside a caller's
  // transaction never needs a lookup on another connection.
  for (const job of jobs) {
    const o = job.options ?? {};
    await boss.createQueue(job.name, {
      policy: o.policy ?? 'standard',
      retryLimit: o.retryLimit ?? 2,
      retryDelay: o.retryDelaySeconds ?? 5,
      retryBackoff: o.retryBackoff ?? true,
      expireInSeconds: o.expireInSeconds ?? 900,
    });
  }
  const queue = createBossQueue(boss, opts.bossClock ? { stampWith: deps.clock } : {});
  deps.queue = queue;

  if (opts.work) {
    for (const job of jobs) {
      const batchSize = job.options?.batchSize ?? 1;
      await boss.work(
        job.name,
        {
          batchSize,
          localConcurrency: Math.max(
            1,
            Math.ceil((job.options?.concurrency ?? batchSize) / batchSize),
          ),
          perJobResults: true,
          pollingIntervalSeconds: 1,
          burstWhenBatchFull: true,
        },
        async (batch: Job<unknown>[]): Promise<JobResult[]> => {
          const statuses = await executeBatch(deps, job, batch);
          return batch.map((j, i) => ({ id: j.id, status: statuses[i]! }));
        },
      );
    }
    for (const s of allSchedules.filter((x) => jobs.includes(x.job)))
      await queue.schedule(s.job, s.cron, s.payload, {
        ...(s.tz ? { tz: s.tz } : {}),
        ...(s.key ? { key: s.key } : {}),
      });
  }

  // pg-boss's TestClock refuses overlapping moves, so concurrent drains queue theirs.
  let clockSync: Promise<void> = Promise.resolve();
  return {
    queue,
    boss,
    async drain({ names, maxRounds = 50 } = {}) {
      const bossClock = opts.bossClock;
      if (bossClock) {
        clockSync = clockSync
          .catch(() => undefined)
          .then(() => bossClock.setTime(deps.clock.now()));
        await clockSync;
      }
      const selected = names ? jobs.filter((j) => names.includes(j.name)) : jobs;
      let total = 0;
      for (let round = 0; round < maxRounds; round++) {
        let ran = 0;
        for (const job of selected) {
          const batch = await boss.fetch<unknown>(job.name, {
            batchSize: job.batchHandler ? (job.options?.batchSize ?? 100) : 100,
          });
          if (batch.length === 0) continue;
          const statuses = await executeBatch(deps, job, batch, { sequential: true });
          const done = batch.filter((_, i) => statuses[i] === 'completed').map((j) => j.id);
          const failed = batch.filter((_, i) => statuses[i] !== 'completed').map((j) => j.id);
          if (done.length) await boss.complete(job.name, done);
          if (failed.length) await boss.fail(job.name, failed);
          ran += batch.length;
        }
        total += ran;
        if (ran === 0) break;
      }
      return total;
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000, close: database.kind === 'postgres' });
    },
  };
}

function poolConnectionString(database: Database): string {
  const url = (database.pool as unknown as { options?: { connectionString?: string } } | undefined)
    ?.options?.connectionString;
  if (!url) throw new Error('The PostgreSQL pool has no connection string for the job queue.');
  return url;
}
