/**
 * Working days (SPEC §14), pure: which dates count and what "n working days after" a date is.
 * `addWorkingDaysSql` in `calendar-sql.ts` is the same rule in SQL; `calendar-parity.test.ts`
 * proves they agree.
 */

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const DEFAULT_WORKING_DAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5];
export const DEFAULT_CALENDAR = 'default';

export type WorkingCalendar = {
  /** ISO weekdays that are working days; never empty (the settings schema refuses it). */
  workingDays: readonly number[];
  /** Non-working dates, YYYY-MM-DD. */
  holidays: ReadonlySet<string>;
};

/** The ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(isoDate: string): IsoWeekday {
  const d = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return (d === 0 ? 7 : d) as IsoWeekday;
}

export function isWorkingDay(isoDate: string, cal: WorkingCalendar): boolean {
  return cal.workingDays.includes(isoWeekday(isoDate)) && !cal.holidays.has(isoDate);
}

function shiftDay(isoDate: string, by: 1 | -1): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}
const nextDay = (isoDate: string) => shiftDay(isoDate, 1);

function assertCountable(n: number, cal: WorkingCalendar) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be ≥ 0, got ${n}`);
  if (!cal.workingDays.some((d) => d >= 1 && d <= 7)) {
    throw new RangeError('a calendar needs at least one working weekday');
  }
}

/**
 * The date n working days AFTER `startIsoDate` (the start itself never counts for n ≥ 1):
 * "due in 2 working days" on a Friday is Tuesday, or Wednesday when Monday is a holiday.
 * n = 0 means "today if it is a working day, else the next working day", so a zero offset
 * never lands on a weekend or holiday either.
 */
export function addWorkingDays(startIsoDate: string, n: number, cal: WorkingCalendar): string {
  assertCountable(n, cal);
  let date = startIsoDate;
  if (n === 0) {
    while (!isWorkingDay(date, cal)) date = nextDay(date);
    return date;
  }
  let left = n;
  while (left > 0) {
    date = nextDay(date);
    if (isWorkingDay(date, cal)) left -= 1;
  }
  return date;
}

/**
 * The date n working days BEFORE `isoDate` ("remind 2 working days before due"): the mirror of
 * `addWorkingDays`; n = 0 is the date itself, whatever day it is.
 */
export function workingDaysBefore(isoDate: string, n: number, cal: WorkingCalendar): string {
  assertCountable(n, cal);
  let date = isoDate;
  let left = n;
  while (left > 0) {
    date = shiftDay(date, -1);
    if (isWorkingDay(date, cal)) left -= 1;
  }
  return date;
}
