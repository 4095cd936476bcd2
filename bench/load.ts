import http from 'node:http';
import { performance } from 'node:perf_hooks';

export type LoadResult = {
  rate: number;
  seconds: number;
  sent: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Responses per second over the measured window. */
  throughput: number;
  /** Requests (warm-up included) that got a connection and so reached the server; the rest timed out queued in the client. */
  dispatched: number;
};

export type LoadOptions = {
  url: string;
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  warmupSeconds: number;
  /** Most sockets kept open at once; more requests than that wait in the agent's queue (and that wait counts). */
  maxSockets?: number;
  timeoutMs?: number;
};

/**
 * An open-model load generator: requests start on a fixed schedule (`rate` per second) whatever the
 * server's speed, over keep-alive connections. Latency is measured from each request's scheduled start,
 * so a slow server cannot hide its queueing by slowing the client down (no coordinated omission).
 */
export async function runFixedRate(opts: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 64 });
  const interval = 1000 / opts.rate;
  const warmup = Math.round(opts.rate * opts.warmupSeconds);
  const total = warmup + Math.round(opts.rate * opts.seconds);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  let dispatched = 0;
  const inflight = new Set<Promise<void>>();
  const start = performance.now() + 20;
  let measuredFrom = Infinity;
  let lastDone = 0;

  const fire = (scheduled: number, record: boolean) => {
    const p = request(agent, opts.url, opts.headers, opts.timeoutMs ?? 10_000, () => {
      dispatched++;
    }).then((status) => {
      const done = performance.now();
      if (!record) return;
      lastDone = Math.max(lastDone, done);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (typeof status === 'number' && status >= 200 && status < 300) {
        ok++;
        latencies.push(done - scheduled);
      } else failed++;
      // A timed-out request still counts in the percentiles (at its timeout), so overload shows as latency.
      if (status === 'timeout') latencies.push(done - scheduled);
    });
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };

  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < total && start + i * interval <= now) {
        const scheduled = start + i * interval;
        if (i === warmup) measuredFrom = scheduled;
        fire(scheduled, i >= warmup);
        i++;
      }
      if (i < total) setTimeout(tick, Math.max(0, start + i * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  await Promise.all([...inflight]);
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const pct = (q: number) =>
    latencies.length
      ? latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!
      : NaN;
  const window = (lastDone - measuredFrom) / 1000;
  return {
    rate: opts.rate,
    seconds: opts.seconds,
    sent: total - warmup,
    ok,
    failed,
    statuses,
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
    max: latencies.at(-1) ?? NaN,
    mean: latencies.reduce((s, x) => s + x, 0) / (latencies.length || 1),
    throughput: window > 0 ? ok / window : 0,
    dispatched,
  };
}

/**
 * One request; resolves with the status code, 'timeout' (no answer `timeoutMs` after the scheduled
 * start, queueing included) or the error code. The body is read and discarded.
 */
function request(
  agent: http.Agent,
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  onSocket: () => void,
): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.once('end', () => {
        clearTimeout(timer);
        resolve(res.statusCode ?? 0);
      });
      res.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve(`error ${e.code ?? e.message}`);
      });
    });
    const timer = setTimeout(() => {
      resolve('timeout');
      req.destroy();
    }, timeoutMs);
    req.once('socket', onSocket);
    req.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(`error ${e.code ?? e.message}`);
    });
  });
}
