import { z } from 'zod';
import { actionId } from '../common-schema.ts';

/** `webhook` is checked and sealed by webhooks/definition.ts when the play is saved. */
export const webhookSchema = z.object({
  id: actionId,
  type: z.literal('webhook'),
  webhook: z.record(z.string(), z.unknown()),
});
export type WebhookAction = z.infer<typeof webhookSchema> & { id: string };
