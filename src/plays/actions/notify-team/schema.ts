import { z } from 'zod';
import { actionId } from '../common-schema.ts';

export const notifyTeamSchema = z.object({
  id: actionId,
  type: z.enum(['celebrate', 'notify']),
  message: z.string().min(1).max(2000),
  style: z.string().max(50).default('default'),
});
export type NotifyTeamAction = z.infer<typeof notifyTeamSchema> & { id: string };
