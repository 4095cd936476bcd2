import { z } from 'zod';
import { taskItem } from '../tasks/schema.ts';
import { ON_TIME_RATE_DEFINITION } from '../reports/on-time.ts';

/** The periods Team Spotlight offers (SPEC §9), as the strings a query string carries. */
export const periodDays = ['7', '14', '30', '90', '180', '365'] as const;

const days = z
  .enum(periodDays)
  .default('30')
  .transform(Number)
  .describe('Period length in days, ending today in the workspace time zone');
const teamId = z.uuid().optional().describe('One team; omitted = every team the caller can see');

export const workFocusQuery = z.strictObject({ teamId, days });

/** Drill-down metrics: the counts of the report, one task list each. */
export const focusMetrics = [
  'created',
  'completed',
  'completed_on_time',
  'overdue',
  'open',
] as const;
export type FocusMetric = (typeof focusMetrics)[number];

const slices = {
  userId: z.uuid().optional().describe('Only tasks assigned to this user'),
  flowId: z.uuid().optional().describe('Only tasks of this flow'),
  roleId: z
    .union([z.uuid(), z.literal('none')])
    .optional()
    .describe('Only tasks assigned through this account role; `none` = assigned by name'),
};
const page = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const focusTasksQuery = z.strictObject({
  teamId,
  days,
  metric: z.enum(focusMetrics),
  ...slices,
  ...page,
});
export const overdueAccountsQuery = z.strictObject({ teamId, ...slices, ...page });

/** Narrowing of a report to one member, flow or role (the chart a person clicked). */
export type FocusSlice = { userId?: string; flowId?: string; roleId?: string };

// ---- responses ----
const ref = z.object({ id: z.uuid(), name: z.string() });

const counts = {
  created: z.number().int(),
  completed: z.number().int(),
  completedOnTime: z.number().int(),
  overdueNow: z.number().int(),
  openNow: z.number().int(),
  onTimeRate: z.number().min(0).max(1).nullable().describe(ON_TIME_RATE_DEFINITION),
};
export type FocusCounts = {
  created: number;
  completed: number;
  completedOnTime: number;
  overdueNow: number;
  openNow: number;
  onTimeRate: number | null;
};

export const workFocusResponse = z.object({
  team: ref.nullable().describe('The team asked for; null = all the caller’s teams'),
  period: z.object({ from: z.string(), to: z.string(), days: z.number().int() }),
  totals: z.object(counts),
  members: z.array(z.object({ user: ref, ...counts })),
  byFlow: z.array(z.object({ flow: ref, ...counts })),
  byRole: z.array(
    z.object({
      role: ref.nullable().describe('null = assigned by name, not through a role'),
      ...counts,
    }),
  ),
  byDate: z.array(
    z.object({ date: z.string(), created: z.number().int(), completed: z.number().int() }),
  ),
});
export type WorkFocus = z.infer<typeof workFocusResponse>;

export const focusTaskPage = z.object({
  data: z.array(taskItem),
  nextCursor: z.string().nullable(),
});

export const overdueAccountsResponse = z.object({
  data: z.array(z.object({ account: ref, overdue: z.number().int(), oldestDueDate: z.string() })),
  nextCursor: z.string().nullable(),
});
