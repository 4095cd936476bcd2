import { z } from 'zod';

/** Comparison operators; which ones apply depends on the field's type (checked by the compiler). */
export const compareOps = [
  'eq',
  'neq',
  'lt',
  'gt',
  'lte',
  'gte',
  'between',
  'in',
  'contains',
  'is_empty',
  'is_set',
  'is_not_set',
  'within_next_days',
  'within_last_days',
  'more_than_days_ago',
  'more_than_days_ahead',
] as const;
export type CompareOp = (typeof compareOps)[number];

const scalar = z.union([z.string().max(1000), z.number(), z.boolean()]);

/**
 * A comparison on a field: `name`, `external_id`, `lifecycle_stage`, `account_type`, `created_at`,
 * `attributes.<key>` (contacts: `first_name`, `last_name`, `email`, `phone`), prefixed with
 * `parent.` (an account's immediate parent) or `account.` (a contact's account).
 */
export const compareSchema = z.object({
  kind: z.literal('compare'),
  field: z.string().min(1).max(200),
  op: z.enum(compareOps),
  value: scalar.optional(),
  values: z.array(scalar).max(1000).optional(),
  days: z.number().int().min(0).max(36500).optional(),
});

export const tagsSchema = z.object({
  kind: z.literal('tags'),
  op: z.enum(['has', 'has_not']),
  tag: z.string().min(1).max(200),
  /** Whose tags: the record itself, its parent account, or (contacts) its account. */
  of: z.enum(['self', 'parent', 'account']).default('self'),
});

export const hasParentSchema = z.object({ kind: z.literal('has_parent'), value: z.boolean() });

export const taskStatSchema = z.object({
  kind: z.literal('task_stat'),
  metric: z.enum(['overdue', 'open', 'created', 'completed']),
  playId: z.uuid().optional(),
  flowId: z.uuid().optional(),
  /** For created/completed: only tasks created/completed in the last N days. */
  periodDays: z.number().int().min(1).max(3650).optional(),
  op: z.enum(['gte', 'lte', 'eq']),
  value: z.number().int().min(0).max(1_000_000),
});

export const segmentRefSchema = z.object({
  kind: z.enum(['in_segment', 'not_in_segment']),
  segmentId: z.uuid(),
});

export type Criteria =
  | { kind: 'and'; items: Criteria[] }
  | { kind: 'or'; items: Criteria[] }
  | { kind: 'not'; item: Criteria }
  | z.infer<typeof compareSchema>
  | z.infer<typeof tagsSchema>
  | z.infer<typeof hasParentSchema>
  | z.infer<typeof taskStatSchema>
  | z.infer<typeof segmentRefSchema>;

/** The criteria tree; stored as JSON on segments and plays and validated again at compile time. */
export const criteriaSchema: z.ZodType<Criteria> = z
  .lazy(() =>
    z.union([
      z.object({ kind: z.literal('and'), items: z.array(criteriaSchema).max(100) }),
      z.object({ kind: z.literal('or'), items: z.array(criteriaSchema).max(100) }),
      z.object({ kind: z.literal('not'), item: criteriaSchema }),
      compareSchema,
      tagsSchema,
      hasParentSchema,
      taskStatSchema,
      segmentRefSchema,
      // A named component in the OpenAPI document: a recursive schema cannot be inlined.
    ]),
  )
  .meta({ id: 'Criteria' });

/** True when the result can change with time alone (relative dates, task statistics, live segments). */
export function dependsOnTime(c: Criteria | null | undefined): boolean {
  if (!c) return false;
  switch (c.kind) {
    case 'and':
    case 'or':
      return c.items.some(dependsOnTime);
    case 'not':
      return dependsOnTime(c.item);
    case 'compare':
      return c.op.includes('days') || c.field.endsWith('created_at');
    case 'task_stat':
    case 'in_segment':
    case 'not_in_segment':
      return true;
    default:
      return false;
  }
}

/** Every segment id referenced by `in_segment` / `not_in_segment`. */
export function referencedSegments(c: Criteria | null | undefined, out: string[] = []): string[] {
  if (!c) return out;
  if (c.kind === 'and' || c.kind === 'or') c.items.forEach((i) => referencedSegments(i, out));
  else if (c.kind === 'not') referencedSegments(c.item, out);
  else if (c.kind === 'in_segment' || c.kind === 'not_in_segment') out.push(c.segmentId);
  return out;
}
