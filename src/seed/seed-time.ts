import { addDays } from '../workspaces/dates.ts';
import type { Rng } from './random.ts';

/** Dates relative to the injected clock, in the workspace time zone (where "overdue" is decided). */
export type DemoTime = {
  now: Date;
  today: string;
  /** today + n days (n may be negative). */
  day(n: number): string;
  /** The local calendar date of an instant. */
  dateOf(instant: Date): string;
  /** A random moment in working hours on a local date, never later than now. */
  during(date: string, rng: Rng): Date;
};

export function demoTime(timeZone: string, now: Date): DemoTime {
  const dateOf = (instant: Date) => {
    const p = wallClock(timeZone, instant.getTime());
    return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  };
  const today = dateOf(now);
  return {
    now,
    today,
    dateOf,
    day: (n) => addDays(today, n),
    during: (date, rng) => {
      const at = localInstant(date, rng.int(8 * 60, 18 * 60), timeZone);
      // Today's working hours may still be ahead: move such moments into the recent past.
      return at.getTime() <= now.getTime()
        ? at
        : new Date(now.getTime() - rng.int(5, 180) * 60_000);
    },
  };
}

/** The instant of a local wall-clock time (minutes after midnight) on a date in a time zone. */
export function localInstant(date: string, minutes: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  let guess = wall - offsetAt(timeZone, wall);
  guess = wall - offsetAt(timeZone, guess); // second pass settles DST changes
  return new Date(guess);
}

// Local time minus UTC, in ms, at an instant.
function offsetAt(timeZone: string, instant: number): number {
  const p = wallClock(timeZone, instant);
  return (
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) -
    Math.floor(instant / 1000) * 1000
  );
}

// Building a DateTimeFormat is costly; the seed asks thousands of times for one zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string, instant: number) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(instant));
  const n = (t: string) => Number(parts.find((x) => x.type === t)?.value ?? 0);
  return {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    hour: n('hour'),
    minute: n('minute'),
    second: n('second'),
  };
}
