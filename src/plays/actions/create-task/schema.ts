import { z } from 'zod';
import { assignedByRuleSchema, assigneeRuleSchema } from '../../../assignment/rule.ts';
import { actionId, priority } from '../common-schema.ts';
import { dueUnitSchema } from '../../../working-days/due-unit.ts';

export const completionRulesSchema = z.object({
  touchpointRequired: z.boolean().optional(),
  attributeUpdateRequired: z
    .object({ key: z.string().max(200) })
    .nullable()
    .optional(),
  /** `target`: the task's account (default), the qualifying child (hierarchy "one per child" plays), or both. */
  automaticAttributeUpdate: z
    .object({
      key: z.string().max(200),
      value: z.unknown(),
      target: z.enum(['account', 'child', 'both']).optional(),
    })
    .nullable()
    .optional(),
});

export const createTaskSchema = z.object({
  id: actionId,
  type: z.literal('create_task'),
  templateId: z.uuid().optional(),
  title: z.string().max(500).optional(),
  description: z.string().max(50_000).optional(),
  dueInDays: z.number().int().max(3650).optional(),
  /** `working_days`: counted in the assignee's working days and holidays (SPEC §14). */
  dueUnit: dueUnitSchema.optional(),
  priority: priority.optional(),
  flowId: z.uuid().optional(),
  assignee: assigneeRuleSchema,
  assignedBy: assignedByRuleSchema.optional(),
  outcomes: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  completionRules: completionRulesSchema.optional(),
});
export type CreateTaskAction = z.infer<typeof createTaskSchema> & { id: string };
