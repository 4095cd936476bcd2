import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { queryRows } from '../db/rows.ts';
import { errors } from './errors.ts';
import type { App } from './app-type.ts';

// One registry per process: prom-client refuses to register a metric name twice.
const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'playmaker_' });
const requestSeconds = new Histogram({
  name: 'playmaker_http_request_duration_seconds',
  help: 'HTTP requests by route pattern, method and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  registers: [registry],
});
const requestErrors = new Counter({
  name: 'playmaker_http_errors_total',
  help: 'Answers with status 500 and above',
  labelNames: ['route'] as const,
  registers: [registry],
});
// Read at scrape time from the database (all workspaces together; no tenant data).
let scrapeDeps: Deps | null = null;
new Gauge({
  name: 'playmaker_change_events_pending',
  help: 'Change outbox rows the play engine has not processed yet',
  registers: [registry],
  async collect() {
    this.set((await sharedPendingChanges()).n);
  },
});
new Gauge({
  name: 'playmaker_change_events_oldest_pending_seconds',
  help: 'Age of the oldest unprocessed change (engine lag)',
  registers: [registry],
  async collect() {
    this.set((await sharedPendingChanges()).age);
  },
});
new Gauge({
  name: 'playmaker_email_pending',
  help: 'E-mails waiting for SMTP delivery',
  registers: [registry],
  async collect() {
    const [r] = scrapeDeps
      ? await queryRows<{ n: number }>(
          scrapeDeps.db,
          sql`select count(*)::int as n from email_outbox where status = 'pending'`,
        )
      : [];
    this.set(r?.n ?? 0);
  },
});

// Both backlog gauges are collected at once (prom-client gathers metrics in parallel): one query serves both.
let inflight: Promise<{ n: number; age: number }> | null = null;
function sharedPendingChanges(): Promise<{ n: number; age: number }> {
  if (!scrapeDeps) return Promise.resolve({ n: 0, age: 0 });
  inflight ??= pendingChanges(scrapeDeps).finally(() => {
    inflight = null;
  });
  return inflight;
}

async function pendingChanges(deps: Deps): Promise<{ n: number; age: number }> {
  const [r] = await queryRows<{ n: number; age: number | null }>(
    deps.db,
    sql`select count(*)::int as n,
    extract(epoch from (${deps.clock.now()}::timestamptz - min(created_at)))::float8 as age from change_events where processed_at is null`,
  );
  return { n: r?.n ?? 0, age: Math.max(0, r?.age ?? 0) };
}

/**
 * Prometheus metrics at `/metrics`: process defaults, request durations by route pattern, and the
 * engine's backlog. Open unless PLAYMAKER_METRICS_TOKEN is set, then it needs that bearer token.
 */
export function registerMetrics(app: App, deps: Deps) {
  scrapeDeps = deps;
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requestSeconds.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (reply.statusCode >= 500) requestErrors.inc({ route });
  });
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const token = deps.config.PLAYMAKER_METRICS_TOKEN;
    if (token && !sameSecret(req.headers.authorization ?? '', `Bearer ${token}`))
      throw errors.unauthenticated();
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
