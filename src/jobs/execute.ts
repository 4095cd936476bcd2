import type { Job } from 'pg-boss';
import type { Deps } from '../context.ts';
import { parsePayload } from './queue.ts';
import type { JobDefinition } from './registry.ts';

type Status = 'completed' | 'failed';

function logFailure(deps: Deps, job: JobDefinition<unknown>, ids: string[], err: unknown) {
  if (deps.config.LOG_LEVEL !== 'silent')
    console.error(
      `[jobs] ${job.name} ${ids.join(',')} failed:`,
      err instanceof Error ? err.message : err,
    );
}

/**
 * Runs one claimed batch and reports a status per job. Payloads are checked again on receipt (a job
 * written by an older version may no longer fit); an invalid one fails alone. Jobs run through the
 * definition's batchHandler when it has one, else concurrently (or one by one when `sequential`).
 */
export async function executeBatch(
  deps: Deps,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  job: JobDefinition<any>,
  batch: Job<unknown>[],
  opts: { sequential?: boolean } = {},
): Promise<Status[]> {
  const statuses: Status[] = batch.map(() => 'failed');
  const valid: Array<{ index: number; payload: unknown; jobId: string }> = [];
  batch.forEach((j, index) => {
    try {
      valid.push({ index, payload: parsePayload(job, j.data), jobId: j.id });
    } catch (err) {
      logFailure(deps, job, [j.id], err);
    }
  });
  if (job.batchHandler) {
    if (valid.length === 0) return statuses;
    try {
      await job.batchHandler(
        deps,
        valid.map(({ payload, jobId }) => ({ payload, jobId })),
      );
      for (const v of valid) statuses[v.index] = 'completed';
    } catch (err) {
      logFailure(
        deps,
        job,
        valid.map((v) => v.jobId),
        err,
      );
    }
    return statuses;
  }
  const run = async (v: (typeof valid)[number]) => {
    try {
      await job.handler(deps, v.payload, { jobId: v.jobId });
      statuses[v.index] = 'completed';
    } catch (err) {
      logFailure(deps, job, [v.jobId], err);
    }
  };
  if (opts.sequential) for (const v of valid) await run(v);
  else await Promise.all(valid.map(run));
  return statuses;
}
