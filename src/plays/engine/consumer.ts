import type { Deps } from '../../context.ts';
import { processChanges } from './process-changes.ts';

/**
 * The in-process outbox consumer for `serve` and `worker`: polls the change outbox and processes
 * batches as soon as they appear (the cron job is only a safety net). Several processes may run it;
 * batches are claimed with SKIP LOCKED. Returns a stop function that waits for the current batch.
 */
export function startChangeConsumer(deps: Deps, opts: { idleMs?: number; batchSize?: number } = {}): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    while (running) {
      let n = 0;
      try { n = await processChanges(deps, { batchSize: opts.batchSize ?? 1000 }); } catch (err) {
        if (deps.config.LOG_LEVEL !== 'silent') console.error('[plays] change consumer:', err instanceof Error ? err.message : err);
      }
      if (n === 0) await new Promise((r) => setTimeout(r, opts.idleMs ?? 200));
    }
  })();
  return async () => { running = false; await loop; };
}
