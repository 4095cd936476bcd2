import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

/** Task priorities, most urgent first: the order of every work list. */
export const priorities = ['high', 'normal', 'low'] as const;
export type Priority = (typeof priorities)[number];
export const prioritySchema = z.enum(priorities);

/** Stored as a smallint 1/2/3 (tasks and templates), so ascending order is the work order. */
export type PriorityLevel = 1 | 2 | 3;
export const priorityLevel = { high: 1, normal: 2, low: 3 } as const satisfies Record<
  Priority,
  PriorityLevel
>;

/** The name of a stored level; anything else reads as normal (the column's default). */
export function priorityName(level: number | null | undefined): Priority {
  return priorities[(level ?? 2) - 1] ?? 'normal';
}

/** `priorityName` in SQL, for a stored level (set-based writes that render text). */
export const priorityNameSql = (level: SQL): SQL =>
  sql`case ${level} when 1 then 'high' when 3 then 'low' else 'normal' end`;
