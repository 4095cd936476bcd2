import { z } from 'zod';
import { assignedByRuleSchema } from '../../../assignment/rule.ts';
import { actionId, priority } from '../common-schema.ts';
import { dueUnitSchema } from '../../../working-days/due-unit.ts';

export const requestInformationSchema = z.object({
  id: actionId,
  type: z.literal('request_information'),
  formId: z.uuid(),
  assignee: assignedByRuleSchema,
  dueInDays: z.number().int().max(3650),
  /** `working_days`: counted in the assignee's working days and holidays (SPEC §14). */
  dueUnit: dueUnitSchema.optional(),
  flowId: z.uuid(),
  message: z.string().max(10_000).optional(),
  priority: priority.optional(),
});
export type RequestInfoAction = z.infer<typeof requestInformationSchema> & { id: string };
