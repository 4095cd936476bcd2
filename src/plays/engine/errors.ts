import type { Deps } from '../../context.ts';
import type { Play } from '../queries.ts';

/** The PostgreSQL SQLSTATE of an error, looking through Drizzle's query wrapper. */
export function sqlState(err: unknown): string | null {
  for (
    let e: unknown = err, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

// Deadlock, serialization failure, lock timeout, cancelled statement, lost connection: retrying the batch can succeed.
const transient = new Set(['40P01', '40001', '55P03', '57014', '57P01', '08000', '08003', '08006']);

/** True when the whole batch should roll back and be claimed again rather than be recorded as failed. */
export function isTransient(err: unknown): boolean {
  const code = sqlState(err);
  if (code) return transient.has(code);
  return /Connection terminated|ECONNRESET|ECONNREFUSED/.test(describeError(err));
}

/** A short message for logs and run results: the database's own message, not Drizzle's echo of the whole query. */
export function describeError(err: unknown): string {
  let e: unknown = err;
  while (
    e &&
    typeof e === 'object' &&
    (e as Error).message?.startsWith('Failed query:') &&
    (e as { cause?: unknown }).cause
  )
    e = (e as { cause?: unknown }).cause;
  const message = e instanceof Error ? e.message : String(e);
  return message.slice(0, 500);
}

/** Logs a play that failed on a change or a completed task (the batch goes on without it). */
export function logFailure(deps: Deps, play: Play, err: unknown) {
  if (deps.config.LOG_LEVEL !== 'silent')
    console.error(`[plays] play ${play.id} failed:`, describeError(err));
}
