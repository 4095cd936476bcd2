// For tests: a test server on a loopback port, and a reader that collects a live-update stream's events
// over real HTTP.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { TestContext } from '../test/harness.ts';
import { bearer, twoWorkspaces, type Seeded } from '../test/fixtures.ts';

export type SseEvent = { event: string; id: string | null; data: unknown };

export type SseReader = {
  status: number;
  events: SseEvent[];
  /** Resolves with the first event (already received or coming) that matches, or rejects after `ms`. */
  waitFor(match: (e: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  /** Resolves once the server ended the stream. */
  ended: Promise<void>;
  close(): void;
};

/** Opens GET `url` with `headers`; resolves after the response headers arrived. */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body) {
        buf += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const e: SseEvent = { event: 'message', id: null, data: null };
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (!data && e.event === 'message') continue; // comments, retry
          e.data = data ? JSON.parse(data) : null;
          events.push(e);
          for (const w of waiters) w();
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    status: res.status,
    events,
    ended,
    waitFor(match, ms = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find(match);
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`));
        }, ms);
        if (!check()) waiters.add(check);
      });
    },
    close: () => abort.abort(),
  };
}

export type { Seeded };

export type LiveServer = {
  t: TestContext;
  w: Seeded;
  w2: Seeded;
  base: string;
  /** Opens GET /api/v1/live`query` with `headers`; once accepted (200), resolves after its `ready` event. */
  stream(headers: Record<string, string>, query?: string): Promise<SseReader>;
  /** A JSON request over HTTP as `token`'s user, which must succeed; the parsed answer. */
  call(token: string, method: string, url: string, body?: object): Promise<Record<string, unknown>>;
  /** Closes every stream it opened, then the server. */
  close(): Promise<void>;
};

/** A test context serving real HTTP on a free loopback port, with two seeded workspaces. */
export async function liveServer(): Promise<LiveServer> {
  const { t, w, w2 } = await twoWorkspaces();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const open: SseReader[] = [];
  return {
    t,
    w,
    w2,
    base,
    async stream(headers, query = '') {
      const s = await openSse(`${base}/api/v1/live${query}`, headers);
      open.push(s);
      if (s.status === 200) await s.waitFor((e) => e.event === 'ready');
      return s;
    },
    async call(token, method, url, body) {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { ...bearer(token), ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      assert.ok(res.ok, `${method} ${url} → ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    },
    async close() {
      for (const s of open) s.close();
      await t.close();
    },
  };
}

type Change = { entity: string; kind: string; accountId: string | null; ids: string[] };

/** True for a `change` event that lists a change of `entity` on `accountId`. */
export const changeOf =
  (entity: string, accountId: string, kind?: string) =>
  (e: SseEvent): boolean =>
    e.event === 'change' &&
    (e.data as { changes: Change[] }).changes.some(
      (c) => c.entity === entity && c.accountId === accountId && (!kind || c.kind === kind),
    );
