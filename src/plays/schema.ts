import { z } from 'zod';
import { criteriaSchema } from '../segments/criteria.ts';
import { assignedByRuleSchema, assigneeRuleSchema } from '../assignment/rule.ts';

// Strict: a misspelt or foreign setting must be refused, not silently dropped (validate-trigger.ts checks the rest).
export const triggerSchema = z.strictObject({
  type: z.enum(['enter', 'exit', 'manual', 'recurring', 'task_completed']),
  recurring: z
    .strictObject({
      cron: z.string().max(100).optional(),
      every: z
        .strictObject({
          n: z.number().int().min(1).max(365),
          unit: z.enum(['days', 'weeks', 'months']),
        })
        .optional(),
    })
    .optional(),
  taskCompleted: z
    .strictObject({
      templateId: z.uuid().optional(),
      playId: z.uuid().optional(),
      outcome: z.string().max(200).optional(),
    })
    .optional(),
});
export type Trigger = z.infer<typeof triggerSchema>;

export const optionsSchema = z.object({
  hierarchy: z
    .object({ mode: z.enum(['one_per_parent', 'one_per_child']) })
    .nullable()
    .default(null),
  contactGrouping: z.enum(['per_contact', 'per_account']).default('per_contact'),
});
export type PlayOptions = z.infer<typeof optionsSchema>;

const actionId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional();
const priority = z.enum(['high', 'normal', 'low']);

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

const createTask = z.object({
  id: actionId,
  type: z.literal('create_task'),
  templateId: z.uuid().optional(),
  title: z.string().max(500).optional(),
  description: z.string().max(50_000).optional(),
  dueInDays: z.number().int().max(3650).optional(),
  priority: priority.optional(),
  flowId: z.uuid().optional(),
  assignee: assigneeRuleSchema,
  assignedBy: assignedByRuleSchema.optional(),
  outcomes: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  completionRules: completionRulesSchema.optional(),
});
const requestInformation = z.object({
  id: actionId,
  type: z.literal('request_information'),
  formId: z.uuid(),
  assignee: assignedByRuleSchema,
  dueInDays: z.number().int().max(3650),
  flowId: z.uuid(),
  message: z.string().max(10_000).optional(),
  priority: priority.optional(),
});
const updateInformation = z.object({
  id: actionId,
  type: z.literal('update_information'),
  /** Each entry sets a value, clears it, or (date attributes) sets trigger date + offsetDays. */
  set: z
    .array(
      z.object({
        key: z.string().max(200),
        value: z.unknown().optional(),
        clear: z.boolean().optional(),
        triggerDateOffsetDays: z.number().int().min(-3650).max(3650).optional(),
      }),
    )
    .min(1)
    .max(50),
});
const celebrate = z.object({
  id: actionId,
  type: z.enum(['celebrate', 'notify']),
  message: z.string().min(1).max(2000),
  style: z.string().max(50).default('default'),
});
const webhook = z.object({
  id: actionId,
  type: z.literal('webhook'),
  webhook: z.record(z.string(), z.unknown()),
});
const sendEmail = z.object({
  id: actionId,
  type: z.literal('send_email'),
  subject: z.string().min(1).max(500),
  body: z.string().min(1).max(50_000),
});
const tag = z.object({
  id: actionId,
  type: z.enum(['add_tag', 'remove_tag']),
  tag: z.string().trim().min(1).max(200),
});
const enroll = z.object({ id: actionId, type: z.literal('enroll'), playId: z.uuid() });

export const actionSchema = z.discriminatedUnion('type', [
  createTask,
  requestInformation,
  updateInformation,
  celebrate,
  webhook,
  sendEmail,
  tag,
  enroll,
]);
export type ActionInput = z.infer<typeof actionSchema>;
export type Action = ActionInput & { id: string };
export type CreateTaskAction = Extract<Action, { type: 'create_task' }>;
export type RequestInfoAction = Extract<Action, { type: 'request_information' }>;

export const playInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(5000),
  ownerUserId: z.uuid().optional(),
  collaboratorIds: z.array(z.uuid()).max(100).default([]),
  subject: z.enum(['accounts', 'contacts']),
  trigger: triggerSchema,
  criteria: criteriaSchema.nullable().optional(),
  /** Copy this segment's criteria into the play (a snapshot; later segment edits do not apply). */
  fromSegmentId: z.uuid().optional(),
  goalCriteria: criteriaSchema.nullable().optional(),
  options: optionsSchema.default({ hierarchy: null, contactGrouping: 'per_contact' }),
  actions: z.array(actionSchema).min(1).max(30),
});
export type PlayInput = z.infer<typeof playInputSchema>;
export const playPatchSchema = playInputSchema
  .omit({ subject: true })
  .partial()
  .extend({
    version: z.number().int().min(1).optional().describe('The version you read; or send If-Match'),
  });
export type PlayPatch = z.infer<typeof playPatchSchema>;

export const playSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  ownerUserId: z.uuid().nullable(),
  collaboratorIds: z.array(z.uuid()),
  createdBy: z.uuid().nullable(),
  status: z.enum(['enabled', 'disabled']),
  subject: z.enum(['accounts', 'contacts']),
  trigger: z.unknown(),
  criteria: z.unknown(),
  sourceSegmentId: z.uuid().nullable(),
  goalCriteria: z.unknown(),
  options: z.unknown(),
  actions: z.array(z.record(z.string(), z.unknown())),
  version: z.number().int(),
  enabledAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  memberCount: z.number().int().optional(),
});

/** What a run did, summed over its per-record results. */
export const runCountsSchema = z.object({
  targets: z.number().describe('Records the run fired for'),
  created: z.number().describe('Tasks created'),
  wouldCreate: z.number().describe('Tasks a dry run would create (0 for real runs)'),
  skipped: z
    .number()
    .describe(
      'Per-record results that did nothing: an open task from the same action, no parent account, no e-mail…',
    ),
  errors: z.number(),
  other: z
    .number()
    .describe(
      'Other actions done or, in a dry run, that would be done: updates, notifications, webhooks, e-mails, tags, enrolments',
    ),
});
export const runSchema = z.object({
  id: z.uuid(),
  playId: z.uuid(),
  kind: z.string(),
  triggeredBy: z.uuid().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: runCountsSchema,
  detail: z.record(z.string(), z.unknown()),
});
export const runResultSchema = z.object({
  id: z.number(),
  recordId: z.uuid(),
  recordName: z.string().nullable(),
  accountId: z.uuid().nullable(),
  accountName: z.string().nullable(),
  actionId: z.string(),
  result: z.string(),
  taskId: z.uuid().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
