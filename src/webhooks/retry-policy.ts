/** Longest wait a receiver's Retry-After can impose; past this the delivery keeps its own schedule. */
const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/** Seconds asked for by a Retry-After header (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v), MAX_RETRY_AFTER_SECONDS);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, Math.ceil((at - now.getTime()) / 1000)), MAX_RETRY_AFTER_SECONDS);
}

/**
 * Seconds to wait before attempt `nextIndex` (0-based since the last replay), or null when the
 * schedule is used up. A longer Retry-After wins over the schedule.
 */
export function nextAttemptDelay(
  schedule: readonly number[],
  nextIndex: number,
  retryAfterSeconds: number | null,
): number | null {
  if (nextIndex >= schedule.length) return null;
  return Math.max(schedule[nextIndex] ?? 0, retryAfterSeconds ?? 0);
}
