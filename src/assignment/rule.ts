import { z } from 'zod';

/** Who gets a play task (SPEC §6): a named user, the holder of an account role, or a team pool. */
export const assigneeRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.uuid() }),
  z.object({ type: z.literal('role'), roleId: z.uuid() }),
  z.object({
    type: z.literal('pool'),
    pool: z.object({
      userIds: z.array(z.uuid()).max(500).optional(),
      teamId: z.uuid().optional(),
      /** Users whose profile attributes equal all of these (e.g. { region: 'EMEA' }). */
      match: z.record(z.string().max(100), z.string().max(200)).optional(),
      strategy: z.enum(['next_available', 'least_loaded', 'round_robin']),
    }),
  }),
]);
export type AssigneeRule = z.infer<typeof assigneeRuleSchema>;

/** Assigned-by: a named user or a role on the account (never a pool). */
export const assignedByRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.uuid() }),
  z.object({ type: z.literal('role'), roleId: z.uuid() }),
]);
export type AssignedByRule = z.infer<typeof assignedByRuleSchema>;

/** Why a task went to the fallback user; stored in tasks.fallback_reason (a schema too, for API responses). */
export const fallbackReasonSchema = z.enum([
  'user_disabled',
  'no_role_holder',
  'role_holder_disabled',
  'pool_empty',
  'nobody_available',
]);
export type FallbackReason = z.infer<typeof fallbackReasonSchema>;
