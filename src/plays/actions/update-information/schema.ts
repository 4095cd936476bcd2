import { z } from 'zod';
import { actionId } from '../common-schema.ts';

export const updateInformationSchema = z.object({
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
export type UpdateInformationAction = z.infer<typeof updateInformationSchema> & { id: string };
