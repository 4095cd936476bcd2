import { lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import { idempotencyKeys, rateLimits, sessions } from '../db/schema/index.ts';
import { defineJob } from '../jobs/registry.ts';

/** Idempotency keys protect client retries; a day covers any sane retry window. */
const IDEMPOTENCY_KEEP_MS = 86_400_000;

/** Deletes expired sessions, day-old idempotency keys and rate-limit counters so the tables stay small. */
export async function purgeExpired(
  deps: Pick<Deps, 'db' | 'clock'>,
): Promise<{ sessions: number; idempotencyKeys: number }> {
  const now = deps.clock.now();
  const s = await deps.db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ id: sessions.idHash });
  const k = await deps.db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEEP_MS)))
    .returning({ key: idempotencyKeys.key });
  // Rate-limit windows last minutes; a day-old counter is long dead.
  await deps.db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - IDEMPOTENCY_KEEP_MS)));
  return { sessions: s.length, idempotencyKeys: k.length };
}

export const purgeExpiredJob = defineJob({
  name: 'purge-expired',
  payload: z.object({}),
  options: { retryLimit: 1, policy: 'short' },
  handler: async (deps) => {
    await purgeExpired(deps);
  },
});

/** Hourly: cheap, and keeps the tables bounded. */
export const purgeExpiredSchedule = { job: purgeExpiredJob, cron: '17 * * * *', payload: {} };
