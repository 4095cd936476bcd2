import { z } from 'zod';
import { ON_TIME_RATE_DEFINITION } from './on-time.ts';

/** The effectiveness report's default evaluation window; the plays list scores with it too. */
export const DEFAULT_WINDOW_DAYS = 30;

const nullableShare = z.number().min(0).max(1).nullable();

export const effectivenessQuery = z.object({
  windowDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(DEFAULT_WINDOW_DAYS)
    .describe('Days after firing within which reaching the goal counts'),
  weeks: z.coerce
    .number()
    .int()
    .min(1)
    .max(104)
    .default(12)
    .describe('Weeks in the series, ending with the current week'),
});

/** The parts and score of the headline and of each week: one shape, one formula. */
const scored = {
  parts: z.object({
    completedShare: nullableShare.describe('Fired tasks completed ÷ fired tasks (not deleted)'),
    onTimeShare: nullableShare.describe(ON_TIME_RATE_DEFINITION),
    goalShare: nullableShare.describe(
      'Fired records that reached the goal within windowDays of firing ÷ fired records',
    ),
  }),
  score: z
    .number()
    .int()
    .nullable()
    .describe('Mean of the parts that have a denominator × 100, rounded; null when none has'),
};
const counts = z.object({
  firedTasks: z.number(),
  completed: z.number(),
  completedOnTime: z.number(),
  targets: z.number(),
  reachedGoal: z.number(),
});

const holdoutGroup = z.object({
  records: z.number().int().describe('Records that entered the play in this group'),
  reachedGoal: z.number().int().describe('Of them, reached the goal within windowDays of entering'),
  rate: nullableShare.describe('reachedGoal ÷ records; null when the group is empty'),
});

export const effectivenessResponse = z.object({
  playId: z.uuid(),
  windowDays: z.number(),
  firstFiredAt: z
    .string()
    .nullable()
    .describe('When the play first fired for a record (dry runs excluded); null before it has'),
  readyAt: z
    .string()
    .nullable()
    .describe(
      'firstFiredAt + windowDays: from then on the first firings have had their whole window',
    ),
  tooEarly: z
    .boolean()
    .describe(
      'True until readyAt has passed (or the play has never fired): the score is not yet telling',
    ),
  ...scored,
  counts,
  outcomes: z.array(z.object({ outcome: z.string().nullable(), count: z.number() })),
  series: z
    .array(
      z.object({
        week: z
          .string()
          .describe('Monday (YYYY-MM-DD) of the week the tasks and records were fired'),
        ...counts.shape,
        ...scored,
      }),
    )
    .describe(
      'One entry per week, oldest first, scored exactly like the headline over the tasks and records fired that week; the weeks’ counts add up to the headline’s when all firings fall in the series',
    ),
  holdout: z
    .object({
      percent: z.number().int().describe('The play’s holdout share (0–50 %)'),
      treated: holdoutGroup.describe('Entered records that got the play’s actions (or journey)'),
      heldOut: holdoutGroup.describe(
        'Entered records held out (no actions), measured the same way; a manual run never holds out',
      ),
      lift: z
        .number()
        .nullable()
        .describe(
          'Treated rate − held-out rate, in percentage points (one decimal); null when either group is empty',
        ),
      tooSmall: z
        .boolean()
        .describe(
          'True while either group has fewer than 30 records: the comparison is not telling yet',
        ),
    })
    .describe(
      'Whether the play changes outcomes: goal rate of treated records against the holdout',
    ),
});
