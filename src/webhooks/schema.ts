import { z } from 'zod';
import { webhookActionSchema } from './definition.ts';

export { webhookActionSchema };

export const deliveryStatusSchema = z.enum(['pending', 'failed', 'succeeded', 'dead']);

/** One delivery as the API shows it: the request as sent, minus credentials and signature. */
export const deliverySchema = z.object({
  id: z.string(),
  status: deliveryStatusSchema,
  webhookName: z.string(),
  playId: z.string().nullable(),
  actionId: z.string().nullable(),
  accountId: z.string().nullable(),
  contactId: z.string().nullable(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.array(z.object({ name: z.string(), value: z.string() })),
    body: z.string().nullable(),
  }),
  hasCredentials: z.boolean(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  responseExcerpt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DeliveryView = z.infer<typeof deliverySchema>;

export const deliveryListQuery = z.object({
  status: deliveryStatusSchema.optional(),
  playId: z.uuid().optional(),
  accountId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const allowlistSchema = z.object({
  entries: z.array(z.string().trim().min(1).max(255)).max(100),
});

export const webhookSettingsSchema = z.object({
  /** Seconds before each attempt (the first is usually 0); 1–20 attempts, each wait ≤ 7 days. */
  retrySchedule: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(7 * 86_400),
    )
    .min(1)
    .max(20),
  timeoutMs: z.number().int().min(1000).max(60_000),
});

export const testWebhookBody = z
  .object({
    /** An unsaved definition; with playId + actionId, omitted credentials come from the saved action. */
    webhook: z.unknown().optional(),
    playId: z.uuid().optional(),
    actionId: z.string().min(1).max(100).optional(),
    accountId: z.uuid().optional(),
    contactId: z.uuid().optional(),
  })
  .refine((b) => b.webhook !== undefined || (b.playId && b.actionId), {
    message: 'Send a webhook definition or a playId and actionId.',
    path: ['webhook'],
  });

export const testWebhookResult = z.object({
  ok: z.boolean(),
  request: z.object({ method: z.string(), url: z.string() }),
  status: z.number().int().nullable(),
  headers: z.record(z.string(), z.string()),
  bodyExcerpt: z.string(),
  durationMs: z.number().int().nullable(),
  refused: z.string().nullable(),
  error: z.string().nullable(),
});

export const disabledWebhookSchema = z.object({
  playId: z.string(),
  actionId: z.string(),
  deliveryId: z.string().nullable(),
  reason: z.string(),
  createdAt: z.string(),
});
