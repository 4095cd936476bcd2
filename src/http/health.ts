// Liveness and readiness probes for load balancers and orchestrators (no authentication, no cookies).
import type { Deps } from '../context.ts';
import { appliedMigration, newestMigration } from '../db/journal.ts';
import type { App } from './app-type.ts';

/** A background loop this process runs, and when it last went round (null: not yet). */
export type Heartbeat = { name: string; lastBeat: () => number | null };

/** A loop that has not gone round for this long is taken as stuck (its idle sleep is at most 1 s). */
export const HEARTBEAT_STALE_MS = 30_000;
const DATABASE_TIMEOUT_MS = 2_000;

type Check = { name: string; ok: boolean; detail: string };

async function databaseChecks(deps: Deps): Promise<Check[]> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS / 1000} s`)),
      DATABASE_TIMEOUT_MS,
    ).unref(),
  );
  try {
    const last = (await Promise.race([appliedMigration(deps.db), timeout])).when;
    return [
      { name: 'database', ok: true, detail: `${deps.dbKind} answers` },
      {
        name: 'migrations',
        ok: last >= newestMigration.when,
        detail:
          last >= newestMigration.when
            ? `up to ${newestMigration.tag}`
            : `${newestMigration.tag} not applied; run playmaker migrate`,
      },
    ];
  } catch (err) {
    return [
      {
        name: 'database',
        ok: false,
        detail: `unreachable: ${err instanceof Error ? err.message : String(err)}`,
      },
    ];
  }
}

function heartbeatCheck(beat: Heartbeat, now: number): Check {
  const last = beat.lastBeat();
  if (last === null) return { name: beat.name, ok: false, detail: 'not started yet' };
  const age = now - last;
  return {
    name: beat.name,
    ok: age <= HEARTBEAT_STALE_MS,
    detail: `last went round ${(age / 1000).toFixed(1)} s ago`,
  };
}

/** `/healthz`: the process answers. `/readyz`: the database answers and is migrated, and this process's workers go round. */
export function registerHealth(app: App, deps: Deps, heartbeats: readonly Heartbeat[]) {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    const now = Date.now();
    const checks = [
      ...(await databaseChecks(deps)),
      ...heartbeats.map((b) => heartbeatCheck(b, now)),
    ];
    const failing = checks.filter((c) => !c.ok);
    void reply.header('Cache-Control', 'no-store');
    if (failing.length === 0) return { status: 'ready', checks };
    return reply.status(503).send({
      error: {
        code: 'not_ready',
        message: `Not ready: ${failing.map((c) => `${c.name} — ${c.detail}`).join('; ')}`,
        details: failing.map((c) => ({ path: c.name, message: c.detail })),
      },
      checks,
    });
  });
}
