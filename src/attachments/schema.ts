import { z } from 'zod';

export const attachmentSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  taskId: z.uuid().nullable(),
  touchpointId: z.uuid().nullable(),
  filename: z.string(),
  /** The type sniffed from the bytes at upload (never the client's claim). */
  contentType: z.string(),
  sizeBytes: z.number(),
  uploadedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
  downloadUrl: z.string(),
});
export const attachmentListSchema = z.object({
  data: z.array(attachmentSchema),
  nextCursor: z.string().nullable(),
});

export const listAttachmentsQuery = z.strictObject({
  taskId: z.uuid().optional(),
  touchpointId: z.uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
