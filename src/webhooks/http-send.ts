import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { checkUrl, EgressRefused, guardedLookup, type EgressPolicy } from './egress-guard.ts';
import { requestTarget } from './request-url.ts';

export type OutgoingRequest = {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string | null;
  timeoutMs: number;
};
export type HttpResult = {
  status: number;
  headers: Record<string, string>;
  bodyExcerpt: string;
  durationMs: number;
};

const EXCERPT_BYTES = 2048;
// Bodies past this are not worth draining to keep the connection: the socket is dropped instead.
const DRAIN_LIMIT = 1024 * 1024;

// One keep-alive agent pair per allow-list: a socket opened under one workspace's allow-list is
// never reused for a workspace that does not allow that host.
const agents = new Map<string, { http: http.Agent; https: https.Agent }>();
function agentsFor(policy: EgressPolicy) {
  const key = [...policy.entries].sort().join(',');
  let pair = agents.get(key);
  if (!pair) {
    const lookup = guardedLookup(policy) as unknown as http.AgentOptions['lookup'];
    const opts = {
      keepAlive: true,
      maxSockets: 256,
      maxFreeSockets: 64,
      lookup,
      scheduling: 'lifo' as const,
    };
    pair = { http: new http.Agent(opts), https: new https.Agent(opts) };
    agents.set(key, pair);
  }
  return pair;
}

/** Closes pooled sockets (tests and shutdown). */
export function closeWebhookAgents(): void {
  for (const pair of agents.values()) {
    pair.http.destroy();
    pair.https.destroy();
  }
  agents.clear();
}

/**
 * Sends one request through the egress guard: http(s) only, no redirects followed (a 3xx is just a
 * status), a total timeout covering connect, send and response, and at most 2 KB of body kept.
 * Throws EgressRefused for refused destinations and Error for network failures and timeouts.
 */
export function sendHttp(req: OutgoingRequest, policy: EgressPolicy): Promise<HttpResult> {
  const url = checkUrl(req.url, policy);
  const { path } = requestTarget(req.url);
  const started = performance.now();
  const pair = agentsFor(policy);
  const client = url.protocol === 'https:' ? https : http;
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of req.headers) headers[name] = value;
  if (req.body !== null) headers['content-length'] = Buffer.byteLength(req.body);
  return new Promise<HttpResult>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        fn();
      }
    };
    // The path as rendered, dot segments included (never resolved by `new URL`).
    const request = client.request(
      {
        ...urlToHttpOptions(url),
        path,
        method: req.method,
        headers,
        agent: url.protocol === 'https:' ? pair.https : pair.http,
        lookup: guardedLookup(policy) as unknown as http.RequestOptions['lookup'],
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (kept < EXCERPT_BYTES) {
            chunks.push(chunk.subarray(0, EXCERPT_BYTES - kept));
            kept += Math.min(chunk.length, EXCERPT_BYTES - kept);
          }
          if (seen > DRAIN_LIMIT) {
            res.destroy();
            done();
          }
        });
        const done = () =>
          finish(() =>
            resolve({
              status: res.statusCode ?? 0,
              headers: Object.fromEntries(
                Object.entries(res.headers).map(([k, v]) => [
                  k,
                  Array.isArray(v) ? v.join(', ') : String(v ?? ''),
                ]),
              ),
              // PostgreSQL text cannot hold NUL characters.
              bodyExcerpt: Buffer.concat(chunks).toString('utf8').split('\u0000').join(''),
              durationMs: Math.round(performance.now() - started),
            }),
          );
        res.on('end', done);
        res.on('error', (err) => finish(() => reject(err)));
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`timed out after ${req.timeoutMs} ms`));
    }, req.timeoutMs);
    request.on('error', (err) =>
      finish(() => reject(err instanceof EgressRefused ? err : describe(err))),
    );
    request.end(req.body ?? undefined);
  });
}

function describe(err: Error & { code?: string }): Error {
  if (err.code === 'EGRESS_REFUSED') return new EgressRefused(err.message);
  return new Error(err.code ? `${err.code}: ${err.message}` : err.message);
}
