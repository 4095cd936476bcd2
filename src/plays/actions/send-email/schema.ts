import { z } from 'zod';
import { actionId } from '../common-schema.ts';

export const sendEmailSchema = z.object({
  id: actionId,
  type: z.literal('send_email'),
  subject: z.string().min(1).max(500),
  body: z.string().min(1).max(50_000),
});
export type SendEmailAction = z.infer<typeof sendEmailSchema> & { id: string };
