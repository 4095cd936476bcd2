import { sql } from 'drizzle-orm';
import { fromDrizzle, type DrizzleTransactionLike, type PgBoss } from 'pg-boss';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { DbOrTx } from '../db/client.ts';

/** What the queue needs of a job definition (jobs/registry.ts): its name and payload schema. */
export type JobRef<P> = { name: string; payload: z.ZodType<P> };

/** The one way features enqueue background work. Payloads must be JSON objects. */
export type Queue = {
  /**
   * Enqueues one job. With `tx` the job row is written inside the caller's transaction, so a
   * rolled-back transaction enqueues nothing. Inside a transaction ALWAYS pass `tx`: on PGlite (one
   * connection) a send without it waits for the open transaction forever. Returns the job id, or null when `singletonKey`
   * matched a job already queued (see JobOptions.policy).
   */
  send<P>(
    job: JobRef<P>,
    payload: P,
    opts?: { startAfter?: Date; singletonKey?: string; tx?: DbOrTx },
  ): Promise<string | null>;
  /** Enqueues many jobs of one type in one statement (same transaction rules as `send`). */
  sendMany<P>(
    job: JobRef<P>,
    payloads: P[],
    opts?: { startAfter?: Date; tx?: DbOrTx },
  ): Promise<void>;
  /** Creates or replaces a cron schedule (`key` lets one job type have several). */
  schedule<P>(
    job: JobRef<P>,
    cron: string,
    payload: P,
    opts?: { tz?: string; key?: string },
  ): Promise<void>;
  unschedule(jobName: string, key?: string): Promise<void>;
};

/** Validates a payload against its job's schema; the message names the job and every problem. */
export function parsePayload<P>(job: JobRef<P>, payload: unknown): P {
  const parsed = job.payload.safeParse(payload);
  if (!parsed.success)
    throw new Error(`Invalid payload for job "${job.name}": ${z.prettifyError(parsed.error)}`);
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    throw new Error(`Job "${job.name}" payloads must be JSON objects.`);
  }
  return parsed.data;
}

/**
 * pg-boss behind the Queue type. `stampWith` (tests) gives every job an explicit start time from
 * the injected clock, so jobs written through a caller's connection agree with the test clock.
 */
export function createBossQueue(boss: PgBoss, opts: { stampWith?: Clock } = {}): Queue {
  return {
    async send(job, payload, o = {}) {
      const data = parsePayload(job, payload) as object;
      const startAfter = o.startAfter ?? opts.stampWith?.now();
      // Routing through the caller's transaction is what makes the enqueue atomic with its writes;
      // on PGlite it is also the only safe path (a second statement outside the open tx would wait forever).
      const db = o.tx ? fromDrizzle(o.tx as unknown as DrizzleTransactionLike, sql) : undefined;
      return boss.send(job.name, data, {
        ...(startAfter ? { startAfter } : {}),
        ...(o.singletonKey ? { singletonKey: o.singletonKey } : {}),
        ...(db ? { db } : {}),
      });
    },
    async sendMany(job, payloads, o = {}) {
      if (payloads.length === 0) return;
      const data = payloads.map((p) => parsePayload(job, p) as object);
      const startAfter = o.startAfter ?? opts.stampWith?.now();
      const db = o.tx ? fromDrizzle(o.tx as unknown as DrizzleTransactionLike, sql) : undefined;
      for (let i = 0; i < data.length; i += 1000) {
        await boss.insert(
          job.name,
          data.slice(i, i + 1000).map((d) => ({ data: d, ...(startAfter ? { startAfter } : {}) })),
          db ? { db } : {},
        );
      }
    },
    async schedule(job, cron, payload, o = {}) {
      const data = parsePayload(job, payload) as object;
      await boss.schedule(job.name, cron, data, {
        ...(o.tz ? { tz: o.tz } : {}),
        ...(o.key ? { key: o.key } : {}),
      });
    },
    async unschedule(jobName, key) {
      await boss.unschedule(jobName, key);
    },
  };
}

/** Placeholder until startJobs() runs: enqueueing before the queue exists is a wiring bug. */
export const unstartedQueue: Queue = {
  send: () => Promise.reject(new Error('The job queue is not started (call startJobs first).')),
  sendMany: () => Promise.reject(new Error('The job queue is not started (call startJobs first).')),
  schedule: () => Promise.reject(new Error('The job queue is not started (call startJobs first).')),
  unschedule: () =>
    Promise.reject(new Error('The job queue is not started (call startJobs first).')),
};
