// One LISTEN on a notification channel, for the play engine's consumer and the live-update hub: a
// dedicated connection outside the pool on PostgreSQL, PGlite's in-process LISTEN in embedded mode.
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from './client.ts';

/** Where to LISTEN: the embedded instance, or the URL of a direct (not pooled) server. */
export type ListenSource = { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; url?: string };

export type Listener = {
  /** Resolves once the first LISTEN attempt finished. */
  ready: Promise<void>;
  /** False while the connection is down (callers poll instead). */
  listening(): boolean;
  close(): Promise<void>;
};

/** The LISTEN source of an open database: its PGlite, or its direct URL (PLAYMAKER_DIRECT_URL). */
export function listenSourceOf(database: Database): ListenSource {
  if (database.kind === 'pglite') return { kind: 'pglite', pglite: database.pglite! };
  const url =
    database.directUrl ??
    (database.pool as unknown as { options?: { connectionString?: string } } | undefined)?.options
      ?.connectionString;
  return { kind: 'postgres', url };
}

/**
 * Calls `wake` on every notification on `channel` (and after a reconnect, since notifications sent
 * meanwhile are lost: the caller re-reads what it may have missed).
 */
export function listenChannel(
  source: ListenSource,
  channel: string,
  opts: { appName: string; wake: () => void; log: (msg: string, err: unknown) => void },
): Listener {
  return source.kind === 'postgres'
    ? listenPostgres(source.url, channel, opts)
    : listenPglite(source.pglite, channel, opts);
}

/** A connection that holds LISTEN and reconnects after errors (LISTEN does not survive PgBouncer's transaction pooling). */
function listenPostgres(
  url: string | undefined,
  channel: string,
  {
    appName,
    wake,
    log,
  }: { appName: string; wake: () => void; log: (m: string, e: unknown) => void },
): Listener {
  let client: pg.Client | null = null;
  let ok = false;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    if (closed || !url) return;
    const c = new pg.Client({ connectionString: url, application_name: appName });
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
      await c.query(`LISTEN ${channel}`);
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
  pglite: PGlite,
  channel: string,
  { wake, log }: { wake: () => void; log: (m: string, e: unknown) => void },
): Listener {
  let unlisten: (() => Promise<void>) | null = null;
  const ready = (async () => {
    try {
      unlisten = await pglite.listen(channel, wake);
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
