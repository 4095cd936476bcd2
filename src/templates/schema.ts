import { z } from 'zod';
import { assigneeRuleSchema } from '../assignment/rule.ts';
import { isIsoDate } from '../accounts/attributes.ts';
import { outcomeActionSchema, outcomeActionShape } from './outcome-action.ts';
import { prioritySchema } from '../tasks/priority.ts';
import { dueUnitSchema } from '../working-days/due-unit.ts';

export const outcomeSchema = z.object({
  name: z.string().trim().min(1).max(100),
  actions: z.array(outcomeActionSchema).max(20).default([]),
});

/** ONTRAPORT notifications: to whom, when, how. */
export const notificationRuleSchema = z.object({
  to: z.union([z.enum(['assignee', 'assignee_manager']), z.object({ userId: z.uuid() })]),
  when: z.union([
    z.literal('assigned'),
    // `unit: 'working_days'`: counted in the assignee's working days and holidays (SPEC §14).
    z.object({ daysBeforeDue: z.number().int().min(0).max(365), unit: dueUnitSchema.optional() }),
    z.object({ daysAfterDue: z.number().int().min(0).max(365), unit: dueUnitSchema.optional() }),
  ]),
  via: z.enum(['email', 'sms']).default('email'),
});
export type NotificationRule = z.infer<typeof notificationRuleSchema>;

export const completionRulesSchema = z.object({
  touchpointRequired: z.boolean().optional(),
  attributeUpdateRequired: z
    .object({ key: z.string().min(1).max(100) })
    .nullable()
    .optional(),
  automaticAttributeUpdate: z
    .object({ key: z.string().min(1).max(100), value: z.unknown() })
    .nullable()
    .optional(),
});

const templateFields = {
  name: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(300),
  description: z.string().min(1).max(100_000),
  dueOffsetDays: z.number().int().min(1).max(3650),
  dueOffsetUnit: dueUnitSchema
    .default('days')
    .describe('The unit of `dueOffsetDays`: calendar days (default) or working days (SPEC §14).'),
  priority: prioritySchema.default('normal'),
  flowId: z.uuid(),
  assigneeRule: assigneeRuleSchema,
  outcomes: z.array(outcomeSchema).max(30).default([]),
  notificationRules: z.array(notificationRuleSchema).max(10).default([]),
  completionRules: completionRulesSchema.default({}),
  formId: z.uuid().nullable().optional(),
};

export const createTemplateBody = z.object(templateFields);
export type CreateTemplateInput = z.infer<typeof createTemplateBody>;

export const updateTemplateBody = z.object({
  version: z.number().int().min(1).optional().describe('The version you read; or send If-Match'),
  name: templateFields.name.optional(),
  title: templateFields.title.optional(),
  description: templateFields.description.optional(),
  dueOffsetDays: templateFields.dueOffsetDays.optional(),
  dueOffsetUnit: dueUnitSchema.optional(),
  priority: prioritySchema.optional(),
  flowId: z.uuid().optional(),
  assigneeRule: assigneeRuleSchema.optional(),
  outcomes: z.array(outcomeSchema).max(30).optional(),
  notificationRules: z.array(notificationRuleSchema).max(10).optional(),
  completionRules: completionRulesSchema.optional(),
  formId: z.uuid().nullable().optional(),
});
export type UpdateTemplateInput = z.infer<typeof updateTemplateBody>;

export const templateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  title: z.string(),
  description: z.string(),
  dueOffsetDays: z.number().int(),
  dueOffsetUnit: dueUnitSchema,
  priority: prioritySchema,
  flowId: z.uuid(),
  assigneeRule: z.unknown(),
  outcomes: z.array(z.object({ name: z.string(), actions: z.array(outcomeActionShape) })),
  notificationRules: z.array(z.unknown()),
  completionRules: z.record(z.string(), z.unknown()),
  formId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TemplateView = z.infer<typeof templateSchema>;

export const applyTemplateBody = z
  .object({
    accountIds: z.array(z.uuid()).max(1000).optional(),
    contactIds: z.array(z.uuid()).max(1000).optional(),
    /** An explicit due date instead of the template's offset. */
    dueDate: z.string().refine(isIsoDate, 'must be a date (YYYY-MM-DD)').optional(),
  })
  .refine((b) => (b.accountIds?.length ?? 0) + (b.contactIds?.length ?? 0) > 0, {
    message: 'Choose at least one account or contact.',
    path: ['accountIds'],
  });
export type ApplyTemplateInput = z.infer<typeof applyTemplateBody>;

export const appliedTaskSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  contactId: z.uuid().nullable(),
  title: z.string(),
  dueDate: z.string(),
  assigneeUserId: z.uuid().nullable(),
  fallbackReason: z.string().nullable(),
});
export const applyTemplateResult = z.object({
  created: z.number().int(),
  tasks: z.array(appliedTaskSchema),
});

export const listTemplatesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(500).optional(),
});
