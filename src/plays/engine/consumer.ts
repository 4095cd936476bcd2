import pg from 'pg';
import type { Deps } from '../../context.ts';
import type { Database } from '../../db/client.ts';
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

type Listener = { ready: Promise<void>; listening(): boolean; close(): Promise<void> };

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
  const listener =
    database.kind === 'postgres'
      ? listenPostgres(database, wake, log)
      : listenPglite(database, wake, log);

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

/**
 * A dedicated connection (outside the pool) holding LISTEN; reconnects after errors. It goes to the
 * direct URL (PLAYMAKER_DIRECT_URL), since LISTEN does not survive PgBouncer's transaction pooling.
 */
function listenPostgres(
  database: Database,
  wake: () => void,
  log: (m: string, e: unknown) => void,
): Listener {
  const url =
    database.directUrl ??
    (database.pool as unknown as { options?: { connectionString?: string } } | undefined)?.options
      ?.connectionString;
  let client: pg.Client | null = null;
  let ok = false;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    if (closed || !url) return;
    const c = new pg.Client({ connectionString: url, application_name: 'playmaker-changes' });
    const lost = (err?: unknown) => {
      if (client !== c) return;
      ok = false;
      client = null;
      if (err && !closed) log('LISTEN connection lost, polling until it is back', err);
      void c.end().catch(() => undefined);
      if (!closed)
        retry = setTimeout(() => {
          void connect();
        }, 1000);
      // Whatever was notified meanwhile is found by the next pass.
      wake();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', wake);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      ok = true;
      wake();
    } catch (err) {
      lost(err);
    }
  };
  return {
    ready: connect(),
    listening: () => ok,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      ok = false;
      await c?.end().catch(() => undefined);
    },
  };
}

/** PGlite delivers NOTIFY to listeners of the same in-process instance after the writer commits. */
function listenPglite(
  database: Database,
  wake: () => void,
  log: (m: string, e: unknown) => void,
): Listener {
  let unlisten: (() => Promise<void>) | null = null;
  const ready = (async () => {
    try {
      unlisten = await database.pglite!.listen(CHANGES_CHANNEL, wake);
    } catch (err) {
      log('LISTEN failed, polling instead', err);
    }
  })();
  return {
    ready,
    listening: () => unlisten !== null,
    async close() {
      await ready;
      await unlisten?.().catch(() => undefined);
      unlisten = null;
    },
  };
}
