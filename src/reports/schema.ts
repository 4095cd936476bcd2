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
});
