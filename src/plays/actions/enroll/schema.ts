import { z } from 'zod';
import { actionId } from '../common-schema.ts';

export const enrollSchema = z.object({ id: actionId, type: z.literal('enroll'), playId: z.uuid() });
export type EnrollAction = z.infer<typeof enrollSchema> & { id: string };
