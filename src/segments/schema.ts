import { z } from 'zod';
import { criteriaSchema } from './criteria.ts';

export const subjectSchema = z.enum(['accounts', 'contacts']);

export const segmentInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  subject: subjectSchema,
  criteria: criteriaSchema,
});
export const segmentPatchSchema = segmentInputSchema.partial().omit({ subject: true });

export const segmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  subject: subjectSchema,
  criteria: z.unknown(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SegmentOut = z.infer<typeof segmentSchema>;

export const previewRowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  externalId: z.string(),
  accountId: z.uuid(),
  accountName: z.string(),
  email: z.string().nullable(),
  lifecycleStage: z.string().nullable(),
  tags: z.array(z.string()),
});
export const previewSchema = z.object({ count: z.number().int(), data: z.array(previewRowSchema) });
