// The API shapes of play versions (SPEC §5 versions): the draft, the history, one version's definition.
import { z } from 'zod';

export const draftSchema = z
  .object({
    number: z.number().int(),
    createdAt: z.string(),
    createdBy: z.uuid().nullable(),
  })
  .describe('The edits saved on an enabled play, not in force until published');

export const versionSummarySchema = z.object({
  number: z.number().int(),
  createdAt: z.string(),
  createdBy: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  publishedAt: z.string().nullable().describe('Null: this is the draft'),
  inForce: z.boolean().describe('The version new firings and journeys use'),
});

export const versionSchema = versionSummarySchema.extend({
  definition: z
    .object({
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
    })
    .describe('As the play shows it: credentials are never returned'),
});

export const versionParams = z.object({
  id: z.uuid(),
  number: z.coerce.number().int().min(1).max(2147483647),
});
