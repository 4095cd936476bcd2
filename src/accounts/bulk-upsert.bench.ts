// Times POST /api/v1/accounts/bulk with 10,000 rows (create, re-run, update) on a fresh database.
// PGlite: `npx node src/accounts/bulk-upsert.bench.ts`; PostgreSQL: set TEST_DATABASE_URL first.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { testContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { attributeDefinitions } from '../db/schema/index.ts';

const N = Number(process.env.BENCH_ROWS ?? 10_000);
const t = await testContext();
try {
  const w = await seedWorkspace(t.deps, 'bench');
  await t.deps.db.insert(attributeDefinitions).values([
    { workspaceId: w.workspace.id, entity: 'account', key: 'arr', label: 'ARR', type: 'number' },
    {
      workspaceId: w.workspace.id,
      entity: 'account',
      key: 'renewal_date',
      label: 'Renewal',
      type: 'date',
    },
    {
      workspaceId: w.workspace.id,
      entity: 'account',
      key: 'tier',
      label: 'Tier',
      type: 'enum',
      enumValues: ['gold', 'silver', 'bronze'],
    },
  ]);
  const rows = (arrBase: number) =>
    Array.from({ length: N }, (_, i) => ({
      externalId: `bench-${i}`,
      name: `Bench account ${i}`,
      // One in ten hangs under an account earlier in the same batch.
      ...(i % 10 === 9 ? { parentExternalId: `bench-${i - 9}` } : {}),
      lifecycleStage: 'adoption',
      tags: ['bench', i % 2 ? 'odd' : 'even'],
      teams: [i % 2 ? 'Team A' : 'Team B'],
      attributes: {
        arr: arrBase + i,
        renewal_date: '2026-12-31',
        tier: ['gold', 'silver', 'bronze'][i % 3],
      },
    }));
  // On a shared machine wall time depends on the neighbours; CPU time (this process plus the
  // PostgreSQL backends of this database) is what the request would take on an idle machine.
  const backendCpuMs = async () => {
    if (t.deps.dbKind !== 'postgres') return 0;
    const res = (await t.deps.db.execute(
      sql`select pid from pg_stat_activity where datname = current_database()`,
    )) as unknown as { rows: Array<{ pid: number }> };
    let ticks = 0;
    for (const { pid } of res.rows) {
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(f[11]) + Number(f[12]);
      } catch {
        /* not local */
      }
    }
    return ticks * 10;
  };
  const run = async (label: string, payload: unknown) => {
    const [cpu0, pg0, started] = [process.cpuUsage(), await backendCpuMs(), performance.now()];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts/bulk',
      headers: bearer(w.tokens.admin),
      payload: payload as object,
    });
    const ms = Math.round(performance.now() - started);
    const cpu = process.cpuUsage(cpu0);
    const nodeMs = Math.round((cpu.user + cpu.system) / 1000);
    const pgMs = (await backendCpuMs()) - pg0;
    if (res.statusCode !== 200)
      throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 500)}`);
    console.log(
      `${t.deps.dbKind} ${label.padEnd(22)} wall ${String(ms).padStart(5)} ms  cpu node ${nodeMs} + db ${pgMs} ms  ${res.body}`,
    );
  };
  await run(`create ${N}`, { rows: rows(1000) });
  await run(`re-run ${N} (no-op)`, { rows: rows(1000) });
  await run(`update ${N}`, { rows: rows(2000) });
} finally {
  await t.close();
}
