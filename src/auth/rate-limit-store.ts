import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { queryRows } from '../db/rows.ts';

type Result = { current: number; ttl: number };
type Callback = (err: Error | null, res?: Result) => void;

/**
 * A @fastify/rate-limit store in the database, so every API process counts the same attempts.
 * One upsert per attempt: a fixed window per key that restarts once it has passed.
 */
export function databaseRateLimitStore(deps: Pick<Deps, 'db' | 'clock'>) {
  return class DatabaseRateLimitStore {
    private readonly namespace: string;
    constructor(options: { namespace?: string } = {}) {
      this.namespace = options.namespace ?? 'global';
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const now = deps.clock.now();
      const windowEnd = sql`rate_limits.window_start + ${`${timeWindow} milliseconds`}::interval`;
      queryRows<{ count: number; window_start: Date | string }>(
        deps.db,
        sql`
        insert into rate_limits (key_hash, window_start, count) values (${this.hash(key)}, ${now}, 1)
        on conflict (key_hash) do update set
          count = case when ${windowEnd} <= ${now} then 1 else rate_limits.count + 1 end,
          window_start = case when ${windowEnd} <= ${now} then ${now} else rate_limits.window_start end
        returning count, window_start`,
      ).then(
        ([row]) =>
          cb(null, {
            current: row!.count,
            ttl: Math.max(0, new Date(row!.window_start).getTime() + timeWindow - now.getTime()),
          }),
        (err: Error) => cb(err),
      );
    }

    /** Each route gets its own namespace, as the built-in stores do. */
    child(routeOptions: object) {
      const o = routeOptions as {
        routeInfo?: { method?: string; url?: string };
        max?: unknown;
        timeWindow?: unknown;
      };
      return new DatabaseRateLimitStore({
        namespace: `${o.routeInfo?.method ?? ''} ${o.routeInfo?.url ?? ''} ${String(o.max)}/${String(o.timeWindow)}`,
      });
    }

    private hash(key: string): string {
      return createHash('sha256').update(`${this.namespace}\n${key}`).digest('hex');
    }
  };
}
