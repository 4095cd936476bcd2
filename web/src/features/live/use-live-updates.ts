// Live updates for open screens: one EventSource per tab to GET /api/v1/live; each change marks the
// affected queries stale (those on screen refetch). Bursts are folded: at most one refetch per query
// per 250 ms quiet period (and at least one per second while changes keep coming).
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { linkTo } from '@/lib/api-client';
import { addStale, staleKeys, type LiveChange, type Stale } from './invalidations';

const QUIET_MS = 250;
const MAX_WAIT_MS = 1000;
/** After the server refused the stream (e.g. too many tabs), try again this much later. */
const RETRY_REFUSED_MS = 30_000;

/** Opens the stream while `enabled` (signed in); closes it on sign-out or unmount. */
export function useLiveUpdates(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    return connectLive(qc);
  }, [enabled, qc]);
}

function connectLive(qc: QueryClient): () => void {
  const pending = new Map<string, Stale>();
  let everything = false;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let source: EventSource | null = null;
  let lastId: string | null = null;
  let stopped = false;

  const flush = () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
    if (everything) void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    else
      for (const { key, exact } of pending.values())
        void qc.invalidateQueries({ queryKey: [...key], exact: exact ?? false });
    pending.clear();
    everything = false;
  };
  const schedule = () => {
    clearTimeout(quiet);
    quiet = setTimeout(flush, QUIET_MS);
    deadline ??= setTimeout(flush, MAX_WAIT_MS);
  };

  const open = () => {
    // The browser resends Last-Event-ID on its own reconnects; a fresh EventSource names it in the query.
    const url = linkTo('/api/v1/live', {}, lastId ? { lastEventId: lastId } : undefined);
    const es = new EventSource(url, { withCredentials: true });
    source = es;
    const remember = (e: MessageEvent) => {
      if (e.lastEventId) lastId = e.lastEventId;
    };
    es.addEventListener('ready', remember);
    es.addEventListener('change', (e) => {
      remember(e);
      const { changes } = JSON.parse(e.data) as { changes: LiveChange[] };
      for (const c of changes) addStale(pending, staleKeys(c));
      schedule();
    });
    // My feed got new items (sent to this user only): the bell's count and the drawer refetch, and
    // My Portfolio's timeline, which shows the plays' notices from the feed.
    es.addEventListener('feed', () => {
      addStale(pending, [{ key: ['feed'] }, { key: ['timeline', 'mine'] }]);
      schedule();
    });
    es.addEventListener('reset', (e) => {
      remember(e);
      everything = true;
      schedule();
    });
    es.addEventListener('end', () => {
      // The session ended: do not reconnect; GET /me answers 401 and the app shows the sign-in page.
      es.close();
      void qc.invalidateQueries({ queryKey: ['me'] });
    });
    es.onerror = () => {
      // CLOSED: the server refused (401, 429…) rather than dropped; the browser will not retry by itself.
      if (es.readyState !== EventSource.CLOSED || stopped) return;
      retry = setTimeout(() => {
        if (!stopped) open();
      }, RETRY_REFUSED_MS);
    };
  };
  open();

  return () => {
    stopped = true;
    clearTimeout(retry);
    clearTimeout(quiet);
    clearTimeout(deadline);
    source?.close();
  };
}
