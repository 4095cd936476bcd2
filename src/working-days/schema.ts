import { z } from 'zod';

/**
 * A calendar name ("default", "uk", "Team Berlin"): it appears in URLs, so a plain, short name. An id
 * is refused: calendars are named, and a team's id would read as "the team's calendar" when it is not.
 */
export const calendarName = z
  .string()
  .trim()
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,63}$/u,
    'Use letters, digits, spaces, "_", "." or "-" (at most 64).',
  )
  .refine((s) => !z.uuid().safeParse(s).success, 'A calendar is named, not an id (e.g. "uk").');

/** ISO weekdays 1 (Monday) … 7 (Sunday), each once, at least one; stored sorted. */
export const workingDaysSchema = z
  .array(z.int().min(1).max(7))
  .min(1, 'Choose at least one working day.')
  .max(7)
  .refine((d) => new Set(d).size === d.length, 'Each weekday at most once.')
  .transform((d) => [...d].sort((a, b) => a - b));

const holidayDate = z.iso.date('A date is YYYY-MM-DD and must exist (no 30 February).');
const holidayName = z.string().trim().min(1).max(200);

export const holidaySchema = z.object({ calendar: z.string(), date: z.string(), name: z.string() });
export type Holiday = z.infer<typeof holidaySchema>;
/** A holidays row as the API shows it. */
export const holidayOut = (r: { calendar: string; date: string; name: string }): Holiday => ({
  calendar: r.calendar,
  date: r.date,
  name: r.name,
});
export const holidayListSchema = z.object({ data: z.array(holidaySchema) });

export const holidayListQuery = z.strictObject({ calendar: calendarName.optional() });

export const addHolidayBody = z.strictObject({
  calendar: calendarName.default('default'),
  date: holidayDate,
  name: holidayName,
});
export type AddHolidayInput = z.output<typeof addHolidayBody>;

export const holidayParams = z.object({ calendar: calendarName, date: holidayDate });
export const calendarParams = z.object({ calendar: calendarName });

/** A calendar's whole list of dates; a date twice is refused at its second place. */
export const replaceHolidaysBody = z.strictObject({
  dates: z
    .array(z.strictObject({ date: holidayDate, name: holidayName }))
    .max(2000)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((d, i) => {
        if (seen.has(d.date))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'date'],
            message: `${d.date} is listed twice.`,
          });
        seen.add(d.date);
      });
    }),
});
export type ReplaceHolidaysInput = z.output<typeof replaceHolidaysBody>;
