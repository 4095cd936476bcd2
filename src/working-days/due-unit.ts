import { z } from 'zod';

/**
 * The unit of a due offset (SPEC §14), beside `dueInDays` wherever a due offset is given (play
 * task and request-information actions, outcome follow-ups): absent means calendar days.
 */
export const dueUnitSchema = z
  .enum(['days', 'working_days'])
  .describe('The unit of `dueInDays`: calendar days (default) or working days.');
export type DueUnit = z.infer<typeof dueUnitSchema>;

/** "3 days", "1 working day": the offset in words, for dry runs and summaries. */
export function dueInWords(n: number, unit: DueUnit | undefined): string {
  const noun = unit === 'working_days' ? 'working day' : 'day';
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
