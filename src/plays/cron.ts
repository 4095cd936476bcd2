import { createRequire } from 'node:module';

type CronParser = {
  CronExpressionParser: {
    parse(expression: string, options: { tz: string; strict: boolean }): unknown;
  };
};

// Resolved from pg-boss (not a direct dependency): the very parser its cron pass evaluates schedules with.
const { CronExpressionParser } = createRequire(import.meta.resolve('pg-boss'))(
  'cron-parser',
) as CronParser;

const FIELDS = 'minute hour day-of-month month day-of-week';

/**
 * Why a recurring play's cron expression cannot be scheduled, or null when it can: five fields
 * (no seconds, no @macros), each parsed the way pg-boss's cron pass parses it.
 */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 || fields[0] === '')
    return `A cron expression has five fields (${FIELDS}); got ${fields[0] === '' ? 0 : fields.length}.`;
  // cron-parser picks a random value for "H" on every parse, so pg-boss's passes would not agree on when it is due.
  if (fields.some((f) => f.split(',').some((t) => /^h/i.test(t))))
    return 'Hashed values ("H") are not supported; give the minute and hour.';
  try {
    CronExpressionParser.parse(fields.join(' '), { tz: 'UTC', strict: false });
    return null;
  } catch (err) {
    return `Not a valid cron expression (${FIELDS}): ${err instanceof Error ? err.message : String(err)}.`;
  }
}
