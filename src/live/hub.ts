// One hub per API process: ONE LISTEN on the change_events channel, a cursor over change_events ids,
// and every connected tab's stream. On a notification it reads the rows after its cursor and sends each
// tab the changes of accounts that tab's user may see (one visibility query per batch and user). The
// play engine's own writes arrive the same way: a run that creates tasks writes one `play_run` row; and
// every feed write one `feed` row naming its recipients, whose tabs get a `feed` frame.
import type { Actor, Deps } from '../context.ts';
import { listenChannel, type ListenSource } from '../db/listen.ts';
import { CHANGES_CHANNEL } from '../plays/engine/consumer.ts';
import { changeFrame, frame, type LiveOut } from './messages.ts';
import {
  changesAfter,
  lateChanges,
  newestChangeId,
  oldestChangeId,
  stillSignedIn,
  visibleAccountIds,
  workspaceChangesBetween,
  type Credential,
  type LiveRow,
} from './queries.ts';

/** One connected tab. `write` returns false when the connection's buffer is full. */
export type LiveStream = {
  actor: Actor;
  credential: Credential;
  write(chunk: string): void;
  /** Ends the response (the hub has already removed the stream). */
  end(): void;
  /** Bytes queued on the socket, to drop a tab that stopped reading. */
  buffered(): number;
};

export type LiveHubOptions = {
  /** How long a hole in the ids (a transaction that took an id and has not committed) is waited for. */
  holdGapMs?: number;
  heartbeatMs?: number;
  /** How often streams' sessions are checked (sign-out, expiry, disabled user, changed teams). */
  recheckMs?: number;
  /** Streams per user in one process. */
  maxPerUser?: number;
  /** Rows read per pass. */
  batchSize?: number;
  /** Rows a reconnecting tab is sent from Last-Event-ID before it is told to refresh instead. */
  maxReplay?: number;
  /** How often to read new rows while no LISTEN connection works. */
  pollMs?: number;
};

export type LiveHub = {
  /** False when the user already has `maxPerUser` streams here. */
  canOpen(userId: string): boolean;
  /** Registers the stream, sends `ready` (and what it missed after `lastEventId`); returns the unsubscribe. */
  open(stream: LiveStream, lastEventId: number | null): Promise<() => void>;
  /** Checks every stream's session now (after a sign-out in this process). */
  recheckSoon(): void;
  close(): Promise<void>;
};

export function createLiveHub(
  deps: Deps,
  source: ListenSource,
  opts: LiveHubOptions = {},
): LiveHub {
  const holdGapMs = opts.holdGapMs ?? 15_000;
  const batchSize = opts.batchSize ?? 2000;
  const maxPerUser = opts.maxPerUser ?? 8;
  const maxReplay = opts.maxReplay ?? 5000;
  const streams = new Set<LiveStream>();
  const log = (msg: string, err: unknown) => {
    if (deps.config.LOG_LEVEL !== 'silent')
      console.error(`[live] ${msg}:`, err instanceof Error ? err.message : err);
  };

  // Every id ≤ cursor was delivered (or its hole given up on); `delivered` holds ids above it already sent.
  let cursor = 0;
  let newest = 0;
  const delivered = new Map<number, number>();

  let started: Promise<void> | null = null;
  let stopped = false;
  let woken = false;
  let interrupt: (() => void) | null = null;
  let loop: Promise<void> | null = null;
  const timers: NodeJS.Timeout[] = [];
  let listener: ReturnType<typeof listenChannel> | null = null;

  const wake = () => {
    woken = true;
    interrupt?.();
  };
  /** Sleeps until woken, or `ms` passed (null: until woken). */
  const sleep = (ms: number | null) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = ms === null ? undefined : setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        interrupt = null;
        resolve();
      }
      interrupt = done;
    });

  /** Reads what committed since the last pass and fans it out; true when a full batch suggests more. */
  async function pass(): Promise<boolean> {
    const known = [...delivered.keys()];
    const late =
      newest - cursor > known.length ? await lateChanges(deps.db, cursor, newest, known) : [];
    const fresh = await changesAfter(deps.db, newest, batchSize);
    const rows = [...late, ...fresh];
    const now = Date.now();
    for (const r of rows) delivered.set(r.id, now);
    if (fresh.length) newest = fresh[fresh.length - 1]!.id;
    // Advance over ids delivered, and over holes waited for long enough (rolled back, or a very long transaction).
    for (const id of [...delivered.keys()].sort((a, b) => a - b)) {
      if (id !== cursor + 1 && now - delivered.get(id)! < holdGapMs) break;
      cursor = id;
      delivered.delete(id);
    }
    if (rows.length) {
      tellFeeds(rows);
      await fanOut(rows.filter((r) => r.entity !== 'feed'));
    }
    return fresh.length >= batchSize;
  }

  // The in-app feed (SPEC §9): a `feed` frame (no id) to the tabs of the users a feed row names, only.
  function tellFeeds(rows: Array<Pick<LiveRow, 'feedUsers'>>, only: LiveStream[] = [...streams]) {
    const told = new Set(rows.flatMap((r) => r.feedUsers ?? []));
    if (told.size === 0) return;
    for (const s of only) if (told.has(s.actor.userId)) send(s, frame('feed', {}));
  }

  async function fanOut(rows: Array<LiveOut & Pick<LiveRow, 'id' | 'workspaceId'>>) {
    const byWorkspace = new Map<string, typeof rows>();
    for (const r of rows)
      byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r]);
    const byUser = new Map<string, LiveStream[]>();
    for (const s of streams) {
      if (!byWorkspace.has(s.actor.workspaceId)) continue;
      byUser.set(s.actor.userId, [...(byUser.get(s.actor.userId) ?? []), s]);
    }
    for (const [, userStreams] of byUser) {
      const actor = userStreams[0]!.actor;
      const mine = await visibleRows(actor, byWorkspace.get(actor.workspaceId)!);
      if (mine.length === 0) continue;
      const chunk = changeFrame(mine, mine[mine.length - 1]!.id);
      for (const s of userStreams) send(s, chunk);
    }
  }

  async function visibleRows<R extends Pick<LiveRow, 'accountId' | 'entity'>>(
    actor: Actor,
    rows: R[],
  ): Promise<R[]> {
    if (actor.role === 'admin') return rows;
    const ids = [...new Set(rows.flatMap((r) => (r.accountId ? [r.accountId] : [])))];
    const visible = await visibleAccountIds(deps.db, actor, ids);
    // A run over too many accounts to list names none: it says only that a play created tasks.
    return rows.filter((r) =>
      r.accountId === null ? r.entity === 'play_run' : visible.has(r.accountId),
    );
  }

  function send(s: LiveStream, chunk: string) {
    if (!streams.has(s)) return;
    // A tab that stopped reading is dropped; its EventSource reconnects with Last-Event-ID.
    if (s.buffered() > 1_000_000) return drop(s);
    s.write(chunk);
  }

  function drop(s: LiveStream, last?: string) {
    if (!streams.delete(s)) return;
    if (last) s.write(last);
    s.end();
  }

  async function recheck() {
    if (streams.size === 0) return;
    const list = [...streams];
    const alive = await stillSignedIn(
      deps.db,
      list.map((s) => s.credential),
      deps.clock.now(),
    );
    for (const s of list) {
      const now = alive.get(s.credential.hash);
      if (!now) drop(s, frame('end', { reason: 'signed_out' }));
      else s.actor = { ...s.actor, ...now };
    }
  }

  function start(): Promise<void> {
    started ??= (async () => {
      newest = cursor = await newestChangeId(deps.db);
      listener = listenChannel(source, CHANGES_CHANNEL, { appName: 'playmaker-live', wake, log });
      await listener.ready;
      loop = (async () => {
        let failures = 0;
        while (!stopped) {
          woken = false;
          try {
            if (streams.size > 0 && (await pass())) continue;
            failures = 0;
          } catch (err) {
            failures++;
            log('live updates', err);
            await sleep(Math.min(5000, 100 * 2 ** failures));
            continue;
          }
          // Every commit to change_events notifies (a late transaction filling a hole too), and a
          // reconnecting listener wakes the loop: poll only while LISTEN is down.
          await sleep(listener?.listening() ? null : (opts.pollMs ?? 500));
        }
      })();
      timers.push(
        setInterval(() => {
          for (const s of streams) send(s, ': ping\n\n');
        }, opts.heartbeatMs ?? 25_000),
        setInterval(() => {
          recheck().catch((err) => log('session check', err));
        }, opts.recheckMs ?? 15_000),
      );
    })();
    return started;
  }

  return {
    canOpen: (userId) => [...streams].filter((s) => s.actor.userId === userId).length < maxPerUser,

    async open(stream, lastEventId) {
      await start();
      // Nothing was read while no tab listened: the first tab starts from now (a reconnect replays below).
      if (streams.size === 0) {
        newest = cursor = await newestChangeId(deps.db);
        delivered.clear();
      }
      streams.add(stream);
      const upTo = newest;
      // `retry` tells the browser to reconnect after 2 s; `ready` carries an id so a reconnect replays from here.
      stream.write(`retry: 2000\n\n`);
      if (lastEventId !== null && lastEventId < upTo) {
        const oldest = await oldestChangeId(deps.db);
        const rows =
          oldest !== null && lastEventId >= oldest - 1
            ? await workspaceChangesBetween(
                deps.db,
                stream.actor.workspaceId,
                lastEventId,
                upTo,
                maxReplay + 1,
              )
            : null;
        if (!rows || rows.length > maxReplay) send(stream, frame('reset', { reason: 'gap' }, upTo));
        else {
          const changes = rows.filter((r) => r.entity !== 'feed');
          const mine = await visibleRows(stream.actor, changes);
          if (mine.length) send(stream, changeFrame(mine, upTo));
          tellFeeds(rows, [stream]);
        }
      }
      send(stream, frame('ready', {}, upTo));
      return () => {
        streams.delete(stream);
      };
    },

    recheckSoon() {
      recheck().catch((err) => log('session check', err));
    },

    async close() {
      stopped = true;
      wake();
      for (const t of timers) clearInterval(t);
      for (const s of [...streams]) drop(s);
      await started?.catch(() => undefined);
      await loop;
      await listener?.close();
    },
  };
}
