import { z } from 'zod';
import { actionId } from '../common-schema.ts';

export const tagSchema = z.object({
  id: actionId,
  type: z.enum(['add_tag', 'remove_tag']),
  tag: z.string().trim().min(1).max(200),
});
export type TagAction = z.infer<typeof tagSchema> & { id: string };
