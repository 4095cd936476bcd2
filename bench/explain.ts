// `npx node bench/explain.ts`: after a bench run, runs what the read endpoints run per request
// (token authentication, then the use case) in-process against pm_bench, records every SQL statement
// sent, and prints EXPLAIN (ANALYZE, BUFFERS) for each.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { authenticate } from '../src/auth/authenticate.ts';
import { createApiToken } from '../src/auth/tokens.ts';
import { loadConfig } from '../src/config.ts';
import type { Actor } from '../src/context.ts';
import { openDatabase } from '../src/db/client.ts';
import { users } from '../src/db/schema/index.ts';
import { createDeps } from '../src/deps.ts';
import { listMyWork, listTasks } from '../src/tasks/list-tasks.ts';
import { parseOptions } from './options.ts';

const opts = parseOptions([]);
const url = new URL(opts.adminUrl);
url.pathname = `/${opts.database}`;
const database = await openDatabase({ url: url.toString(), poolSize: 2 });
const pool = database.pool!;
const deps = createDeps(
  loadConfig({
    DATABASE_URL: url.toString(),
    PLAYMAKER_SECRET_KEY: randomBytes(32).toString('hex'),
    PLAYMAKER_DATA_DIR: tmpdir(),
  }),
  database,
);

// Record what the use cases send (drizzle's node-postgres session calls pool.query(config, values)).
const recorded: Array<{ text: string; values: unknown[] }> = [];
type QueryFn = (config: unknown, values?: unknown[]) => Promise<pg.QueryResult>;
const realQuery = pool.query.bind(pool) as QueryFn;
(pool as unknown as { query: QueryFn }).query = (config, values) => {
  const c = config as { text?: string; values?: unknown[] };
  if (c && typeof c === 'object' && c.text)
    recorded.push({ text: c.text, values: values ?? c.values ?? [] });
  return realQuery(config, values);
};

/** The caller as the server resolves it for `Authorization: Bearer` (the same queries, recorded too). */
async function callerFor(email: string): Promise<() => Promise<Actor>> {
  const [u] = await database.db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}: run npm run bench first`);
  const { token } = await createApiToken(
    database.db,
    { workspaceId: u.workspaceId, userId: u.id },
    'explain',
  );
  const req = {
    headers: { authorization: `Bearer ${token}` },
    cookies: {},
    method: 'GET',
  } as unknown as FastifyRequest;
  return () => authenticate(deps, req);
}

const cases: Array<[string, () => Promise<unknown>]> = [];
const heavy = await callerFor('t01u3@bench.test');
const standard = await callerFor('t02u1@bench.test');
const admin = await callerFor('admin@bench.test');
const collection = { due: 'overdue', priority: 'high', groupBy: 'assignee', limit: 50 } as const;
cases.push([
  '(a) GET /api/v1/me/work',
  async () => listMyWork(deps, await heavy(), { status: 'open', limit: 50 }),
]);
cases.push([
  '(b) GET /api/v1/tasks?due=overdue&priority=high&groupBy=assignee as standard',
  async () => listTasks(deps, await standard(), collection),
]);
cases.push(['(b) same as admin', async () => listTasks(deps, await admin(), collection)]);

for (const [name, run] of cases) {
  await run(); // warm the cache and the plan
  recorded.length = 0;
  const started = performance.now();
  await run();
  console.log(
    `\n==== ${name}: ${(performance.now() - started).toFixed(1)} ms in-process, ${recorded.length} statements`,
  );
  for (const q of [...recorded]) {
    const plan = await realQuery({
      text: `explain (analyze, buffers) ${q.text}`,
      values: q.values,
    });
    console.log(
      `\n-- ${q.text.replace(/\s+/g, ' ').slice(0, 600)}\n-- params: ${JSON.stringify(q.values).slice(0, 300)}`,
    );
    for (const row of plan.rows as Array<Record<string, string>>) console.log(row['QUERY PLAN']);
  }
}
await database.close();
