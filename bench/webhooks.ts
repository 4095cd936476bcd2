// `npx node bench/webhooks.ts [--pglite] [--count N]`: webhook delivery throughput to a loopback receiver.
// Enqueues N deliveries, starts the real workers, and reports deliveries per second until all succeeded.
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { count, eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { createDeps } from '../src/deps.ts';
import { webhookDeliveries, webhookSettings } from '../src/db/schema/index.ts';
import { startJobs } from '../src/jobs/runtime.ts';
import { createWorkspace } from '../src/workspaces/create-workspace.ts';
import { enqueueWebhookDeliveries } from '../src/webhooks/enqueue-delivery.ts';
import { deliverWebhookJob } from '../src/webhooks/deliver-webhook.ts';
import { closeWebhookAgents } from '../src/webhooks/http-send.ts';
import { ensureWebhookSettings } from '../src/webhooks/settings.ts';
import { freshDatabase } from './database.ts';

const args = process.argv.slice(2);
const usePglite = args.includes('--pglite');
const total = (args.includes('--count') ? Number(args[args.indexOf('--count') + 1]) : 0) || 5000;
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main() {
  let received = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200).end('ok');
    });
  });
  receiver.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;

  let database: Database;
  if (usePglite) {
    database = await openDatabase({ memory: true });
    await runMigrations(database);
  } else {
    database = (await freshDatabase(adminUrl, 'pm_bench_webhooks')).database;
    await database.close();
    database = await openDatabase({
      url: new URL('/pm_bench_webhooks', adminUrl).toString(),
      poolSize: 16,
    });
  }
  const config = loadConfig({
    PLAYMAKER_DATA_DIR: '/tmp/pm-bench-webhooks',
    LOG_LEVEL: 'error',
    PLAYMAKER_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
    ...(usePglite ? {} : { DATABASE_URL: new URL('/pm_bench_webhooks', adminUrl).toString() }),
  });
  const deps = createDeps(config, database);
  const enqueueOnly = await startJobs(deps, database, { work: false, jobs: [deliverWebhookJob] });
  const { workspace } = await createWorkspace(deps.db, {
    name: 'bench',
    admin: { email: `bench-${Date.now()}@example.com`, name: 'Bench' },
  });
  await ensureWebhookSettings(deps.db, deps.secrets, workspace.id);
  await deps.db
    .update(webhookSettings)
    .set({ allowlist: ['127.0.0.1/32'] })
    .where(eq(webhookSettings.workspaceId, workspace.id));

  const t0 = performance.now();
  for (let i = 0; i < total; i += 250) {
    const batch = Array.from({ length: Math.min(250, total - i) }, (_, k) => ({
      workspaceId: workspace.id,
      accountId: null,
      request: {
        name: 'bench',
        method: 'POST' as const,
        url: `http://127.0.0.1:${port}/hook/${i + k}`,
        headers: [['content-type', 'application/json']] as Array<[string, string]>,
        body: JSON.stringify({ n: i + k }),
        auth: null,
      },
    }));
    await deps.db.transaction((tx) => enqueueWebhookDeliveries(tx, deps, batch));
  }
  const enqueueSeconds = (performance.now() - t0) / 1000;
  await enqueueOnly.stop();

  const t1 = performance.now();
  const workers = await startJobs(deps, database, { work: true, jobs: [deliverWebhookJob] });
  let done = 0;
  while (done < total) {
    await new Promise((r) => setTimeout(r, 100));
    const [row] = await deps.db
      .select({ n: count() })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, 'succeeded'));
    done = row?.n ?? 0;
    if (performance.now() - t1 > 300_000) break;
  }
  const seconds = (performance.now() - t1) / 1000;
  await workers.stop();
  closeWebhookAgents();
  receiver.close();
  await database.close();
  console.log(
    `webhooks on ${usePglite ? 'PGlite' : 'PostgreSQL'}: enqueued ${total} in ${enqueueSeconds.toFixed(1)} s (${Math.round(total / enqueueSeconds)}/s: rows + jobs, 250 per transaction)`,
  );
  console.log(
    `delivered ${done} of ${total} (receiver saw ${received}) in ${seconds.toFixed(2)} s → ${Math.round(done / seconds)} deliveries/s`,
  );
  console.log(
    `BENCH_JSON ${JSON.stringify({ part: 'webhooks', db: usePglite ? 'pglite' : 'postgres', count: total, delivered: done, received, seconds, load: os.loadavg()[0]!.toFixed(1) })}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
