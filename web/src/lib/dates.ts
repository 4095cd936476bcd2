// Dates are plain YYYY-MM-DD strings (the workspace's calendar); these helpers never shift them by time zone.
import dayjs from 'dayjs';

export const isoDay = (d: Date | dayjs.Dayjs | string) => dayjs(d).format('YYYY-MM-DD');
export const todayIso = () => dayjs().format('YYYY-MM-DD');
export const addDaysIso = (days: number, from: string = todayIso()) =>
  dayjs(from).add(days, 'day').format('YYYY-MM-DD');

/** "Mar 5, 2026" for a date string. */
export const formatDay = (iso: string | null | undefined) =>
  iso ? dayjs(iso).format('MMM D, YYYY') : '—';
/** "Mar 5, 2026 14:02" for a timestamp. */
export const formatTime = (iso: string | null | undefined) =>
  iso ? dayjs(iso).format('MMM D, YYYY HH:mm') : '—';

/** Date-picker values (Mantine gives 'YYYY-MM-DD' strings) to the API's date string. */
export const pickerToIso = (v: string | Date | null | undefined) => (v ? isoDay(v) : null);
