// Shapes of the Team Spotlight API (src/spotlight/schema.ts on the server).
import type { Ref, TaskItem } from '@/features/tasks/types';

export type Counts = {
  created: number;
  completed: number;
  completedOnTime: number;
  overdueNow: number;
  openNow: number;
  onTimeRate: number | null;
};

export type WorkFocus = {
  team: Ref | null;
  period: { from: string; to: string; days: number };
  totals: Counts;
  members: Array<{ user: Ref } & Counts>;
  byFlow: Array<{ flow: Ref } & Counts>;
  byRole: Array<{ role: Ref | null } & Counts>;
  byDate: Array<{ date: string; created: number; completed: number }>;
};

export type FocusMetric = 'created' | 'completed' | 'completed_on_time' | 'overdue' | 'open';
export const periodDays = [7, 14, 30, 90, 180, 365] as const;

/** One member, flow or role a drill-down is narrowed to (roleId 'none' = assigned by name). */
export type FocusSlice = { userId?: string; flowId?: string; roleId?: string };
export type FocusScope = { teamId?: string; days: number };

export type FocusTaskPage = { data: TaskItem[]; nextCursor: string | null };
export type OverdueAccount = { account: Ref; overdue: number; oldestDueDate: string };

/** Which count of the report a number stands for, and how people call it. */
export const metricOf = {
  created: { key: 'created', label: 'Created' },
  completed: { key: 'completed', label: 'Completed' },
  completed_on_time: { key: 'completedOnTime', label: 'Completed on time' },
  overdue: { key: 'overdueNow', label: 'Overdue now' },
  open: { key: 'openNow', label: 'Open now' },
} as const satisfies Record<FocusMetric, { key: keyof Counts; label: string }>;
export const metrics = Object.keys(metricOf) as FocusMetric[];
