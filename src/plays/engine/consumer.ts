import type { Deps } from '../../context.ts';
import type { Database } from '../../db/client.ts';
import { listenChannel, listenSourceOf } from '../../db/listen.ts';
import { processChanges } from './process-changes.ts';

/** The channel the change_events trigger notifies (migration 0005_plays_notify). */
export const CHANGES_CHANNEL = 'playmaker_changes';

export type ChangeConsumerOptions = {
  /** Outbox rows claimed per transaction. */
  batchSize?: number;
  /** Longest idle sleep while LISTEN works: covers a lost notification. */
  fallbackMs?: number;
  /** Idle poll interval when no LISTEN connection is available. */
  pollMs?: number;
};

export type ChangeConsumer = {
  /** Resolves once the first LISTEN attempt finished (tests wait for it before writing). */
  ready: Promise<void>;
  /** Stops after the batch in progress; closes the LISTEN connection. */
  stop(): Promise<void>;
  /** When the loop last went round (ms since epoch; null before the first pass), for /readyz. */
  lastBeat(): number | null;
};

/**
 * The play engine's outbox consumer, run by `serve` (with workers) and every `playmaker worker`:
 * sleeps until a NOTIFY from the change_events trigger (or the fallback interval), then claims and
 * processes batches until the outbox is empty. Any number of processes may run it: claims use
 * `FOR UPDATE SKIP LOCKED` inside the processing transaction, so a batch held by a process that
 * dies is rolled back and claimed again by another.
 */
export function startChangeConsumer(
  deps: Deps,
  database: Database,
  opts: ChangeConsumerOptions = {},
): ChangeConsumer {
  const batchSize = opts.batchSize ?? 500;
  let running = true;
  let woken = false;
  let lastBeat: number | null = null;
  let interrupt: (() => void) | null = null;
  const wake = () => {
    woken = true;
    interrupt?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || !running) {
        resolve();
        return;
      }
      const done = () => {
        clearTimeout(timer);
        interrupt = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      interrupt = done;
    });
  const log = (msg: string, err: unknown) => {
    if (deps.config.LOG_LEVEL !== 'silent')
      console.error(`[plays] ${msg}:`, err instanceof Error ? err.message : err);
  };
  const listener = listenChannel(listenSourceOf(database), CHANGES_CHANNEL, {
    appName: 'playmaker-changes',
    wake,
    log,
  });

  const loop = (async () => {
    await listener.ready;
    let failures = 0;
    while (running) {
      // Cleared before the claim: a notification that arrives while a batch runs triggers another pass.
      woken = false;
      lastBeat = Date.now();
      try {
        const n = await processChanges(deps, { batchSize });
        failures = 0;
        if (n > 0) continue;
      } catch (err) {
        // The batch rolled back (deadlock, lost connection …) and will be claimed again.
        failures++;
        log('change consumer', err);
        woken = false;
        await sleep(Math.min(2000, 25 * 2 ** failures) + Math.random() * 25);
        continue;
      }
      await sleep(listener.listening() ? (opts.fallbackMs ?? 1000) : (opts.pollMs ?? 50));
    }
  })();

  return {
    ready: listener.ready,
    lastBeat: () => lastBeat,
    async stop() {
      running = false;
      wake();
      await loop;
      await listener.close();
    },
  };
}
