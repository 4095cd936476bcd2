import { z } from 'zod';
import { criteriaSchema } from '../segments/criteria.ts';
import { actionSchema } from './actions/schemas.ts';
import { exitRulesSchema, reentrySchema, stepsSchema } from './journeys/steps.ts';
import { playRunResults, playRuns } from '../db/schema/plays.ts';
import { draftSchema } from './versions/schema.ts';

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

export { actionSchema, type Action, type ActionInput } from './actions/schemas.ts';
export type { CreateTaskAction } from './actions/create-task/schema.ts';
export type { RequestInfoAction } from './actions/request-information/schema.ts';

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
  /** At least one unless `steps` are given (validatePlay reports it on body.actions). */
  actions: z.array(actionSchema).max(30),
  /** Journey steps (SPEC §13); absent or null: the actions fire once on entry, as before. */
  steps: stepsSchema.nullable().optional(),
  exitRules: exitRulesSchema.nullable().optional(),
  reentry: reentrySchema.nullable().optional(),
  holdoutPercent: z
    .number()
    .int()
    .min(0)
    .max(50)
    .optional()
    .describe(
      'Share of entering records held out, the same records every time (per record and play): recorded as entered, no actions or journey, so effectiveness can compare. Manual runs never hold out',
    ),
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
  steps: z.unknown(),
  exitRules: z.unknown(),
  reentry: z.unknown(),
  holdoutPercent: z.number().int(),
  publishedVersion: z
    .number()
    .int()
    .describe('The definition version new firings and journeys use'),
  version: z.number().int(),
  enabledAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  memberCount: z.number().int().optional(),
  /** One play (GET, save, publish…) names its draft; lists leave it out. */
  draft: draftSchema.nullable().optional(),
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
  kind: z.enum(playRuns.kind.enumValues),
  triggeredBy: z.uuid().nullable(),
  playVersion: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: runCountsSchema,
  detail: z.record(z.string(), z.unknown()),
});
/** What one action did for one record (play_run_results.result): the web app labels every code. */
export const runResultCode = z.enum(playRunResults.result.enumValues);
export const runResultSchema = z.object({
  id: z.number(),
  recordId: z.uuid(),
  recordName: z.string().nullable(),
  accountId: z.uuid().nullable(),
  accountName: z.string().nullable(),
  actionId: z.string(),
  result: runResultCode,
  taskId: z.uuid().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
