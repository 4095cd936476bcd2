// The play action union, from each kind's schema.ts (pure zod: no engine code, so src/plays/schema.ts
// and the OpenAPI document load it without the engine). registry.ts maps the same types to modules.
import { z } from 'zod';
import { createTaskSchema } from './create-task/schema.ts';
import { requestInformationSchema } from './request-information/schema.ts';
import { updateInformationSchema } from './update-information/schema.ts';
import { notifyTeamSchema } from './notify-team/schema.ts';
import { webhookSchema } from './webhook/schema.ts';
import { sendEmailSchema } from './send-email/schema.ts';
import { tagSchema } from './tag/schema.ts';
import { enrollSchema } from './enroll/schema.ts';

export const actionSchema = z.discriminatedUnion('type', [
  createTaskSchema,
  requestInformationSchema,
  updateInformationSchema,
  notifyTeamSchema,
  webhookSchema,
  sendEmailSchema,
  tagSchema,
  enrollSchema,
]);
export type ActionInput = z.infer<typeof actionSchema>;
/** A stored action: ids are given to every action when the play is saved. */
export type Action = ActionInput & { id: string };
export type ActionType = Action['type'];
