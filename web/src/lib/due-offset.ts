import type { DueUnit } from './labels';

/** A due offset in words: "3 days", "1 working day" (SPEC §14; no unit = calendar days). */
export const dueOffsetWords = (n: number, unit: DueUnit | undefined) =>
  `${n} ${unit === 'working_days' ? 'working day' : 'day'}${n === 1 ? '' : 's'}`;
