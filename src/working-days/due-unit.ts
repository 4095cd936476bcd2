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

/**
 * The offset a task made from a template uses: the action's own `dueInDays` (with its unit), else
 * the template's offset in the template's unit. An explicit `dueUnit` on the action always wins.
 */
export function templateOffset(
  own: { dueInDays?: number | null; dueUnit?: DueUnit },
  tpl: { dueOffsetDays: number; dueOffsetUnit: DueUnit },
): { n: number; unit: DueUnit } {
  if (own.dueInDays != null) return { n: own.dueInDays, unit: own.dueUnit ?? 'days' };
  return { n: tpl.dueOffsetDays, unit: own.dueUnit ?? tpl.dueOffsetUnit };
}
