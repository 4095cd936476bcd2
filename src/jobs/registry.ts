import type { z } from 'zod';
import type { Deps } from '../context.ts';

/** Per-job-type queue settings; pg-boss applies them to every job of the type. */
export type JobOptions = {
  /** Attempts after the first failure (pg-boss retry). Default 2. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** How long one run may stay active before pg-boss treats it as lost. Default 900 s. */
  expireInSeconds?: number;
  /** Jobs a worker claims per fetch; the handler still runs once per job. Default 1. */
  batchSize?: number;
  /** Jobs of this type a worker process runs at once. Default batchSize. */
  concurrency?: number;
  /**
   * pg-boss queue policy. `singletonKey` only de-duplicates under 'short' (one queued job per key),
   * 'singleton' (one active per key) or 'stately' (one queued + one active per key). Default 'standard'.
   */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
};

/**
 * A typed background job: its queue name, the zod schema its payload must satisfy (checked when
 * sent and again when received), and the handler that does the work.
 */
export type JobDefinition<P> = {
  name: string;
  payload: z.ZodType<P>;
  handler: (deps: Deps, payload: P, meta: { jobId: string }) => Promise<void>;
  /**
   * Optional: handles a whole claimed batch at once (set-based SQL instead of one round trip per
   * job). Used by workers and drains instead of `handler`; a throw fails every job of the batch.
   */
  batchHandler?: (deps: Deps, items: Array<{ payload: P; jobId: string }>) => Promise<void>;
  options?: JobOptions;
};

const namePattern = /^[a-z][a-z0-9-]{1,60}$/;

/** Declares a job; the name doubles as the pg-boss queue name, so it is kept to a safe alphabet. */
export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  if (!namePattern.test(def.name))
    throw new Error(`Job name "${def.name}" must be lower-case letters, digits and dashes.`);
  return def;
}
