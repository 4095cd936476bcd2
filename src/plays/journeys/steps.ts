// Journey steps (SPEC §13): pure zod, no engine code (plays/schema.ts and the OpenAPI document load it).
// Steps nest: a branch's paths and a wait's "time ran out" path hold their own steps, drawn as lanes;
// after a lane's last step the journey goes on after the branch (or wait). Step ids are unique in a play.
import { z } from 'zod';
import { criteriaSchema } from '../../segments/criteria.ts';
import { actionSchema, type ActionInput } from '../actions/schemas.ts';

export const stepIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'Letters, digits, - and _ (at most 40)');

/** Calendar days, working days (SPEC §14: the workspace's working days and holidays) or hours. */
export const durationSchema = z.strictObject({
  n: z.number().int().min(0).max(3650),
  unit: z.enum(['days', 'working_days', 'hours']),
});
export type Duration = z.infer<typeof durationSchema>;

/** Where a wait counts from: the previous step, the record's entry, or a date attribute ± days. */
export const waitFromSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('previous_step') }),
  z.strictObject({ kind: z.literal('entry') }),
  z.strictObject({
    kind: z.literal('attribute'),
    key: z.string().min(1).max(100),
    offsetDays: z.number().int().min(-3650).max(3650).default(0),
  }),
]);

/** A task made by an earlier action step, completed (with one of `outcomes`, when given). */
const taskDoneSchema = z.strictObject({
  kind: z.literal('task_completed'),
  stepId: stepIdSchema,
  outcomes: z.array(z.string().min(1).max(200)).max(20).optional(),
});
const criteriaMetSchema = z.strictObject({ kind: z.literal('criteria'), criteria: criteriaSchema });

type StepBase = { id: string; name?: string };
export type Step =
  | (StepBase & { type: 'action'; action: ActionInput })
  | (StepBase & { type: 'wait'; duration: Duration; from: z.infer<typeof waitFromSchema> })
  | (StepBase & {
      type: 'wait_until';
      until: z.infer<typeof taskDoneSchema> | z.infer<typeof criteriaMetSchema>;
      limit: Duration;
      onTimeout: Step[];
    })
  | (StepBase & {
      type: 'branch';
      paths: Array<{
        id: string;
        label: string;
        when: z.infer<typeof taskDoneSchema> | z.infer<typeof criteriaMetSchema>;
        steps: Step[];
      }>;
      otherwise: Step[];
    })
  | (StepBase & { type: 'go_to'; target: string; maxVisits: number })
  | (StepBase & { type: 'end' });

const base = { id: stepIdSchema, name: z.string().trim().max(200).optional() };

/** One step; recursive through branch paths and "time ran out" lanes (a named OpenAPI component). */
export const stepSchema: z.ZodType<Step> = z
  .lazy(() =>
    z.discriminatedUnion('type', [
      z.strictObject({ ...base, type: z.literal('action'), action: actionSchema }),
      z.strictObject({
        ...base,
        type: z.literal('wait'),
        duration: durationSchema,
        from: waitFromSchema.default({ kind: 'previous_step' }),
      }),
      z.strictObject({
        ...base,
        type: z.literal('wait_until'),
        until: z.discriminatedUnion('kind', [taskDoneSchema, criteriaMetSchema]),
        limit: durationSchema,
        onTimeout: z.array(stepSchema).max(50).default([]),
      }),
      z.strictObject({
        ...base,
        type: z.literal('branch'),
        paths: z
          .array(
            z.strictObject({
              id: stepIdSchema,
              label: z.string().trim().min(1).max(100),
              when: z.discriminatedUnion('kind', [taskDoneSchema, criteriaMetSchema]),
              steps: z.array(stepSchema).max(50),
            }),
          )
          .min(1)
          .max(5),
        otherwise: z.array(stepSchema).max(50).default([]),
      }),
      z.strictObject({
        ...base,
        type: z.literal('go_to'),
        target: stepIdSchema,
        maxVisits: z.number().int().min(1).max(20),
      }),
      z.strictObject({ ...base, type: z.literal('end') }),
    ]),
  )
  .meta({ id: 'JourneyStep' }) as z.ZodType<Step>;

export const stepsSchema = z.array(stepSchema).min(1).max(100);

/** Exit rules (SPEC §5, §13) and what happens to the journey's open tasks when a record leaves. */
export const exitRulesSchema = z.strictObject({
  criteria: criteriaSchema.nullable().default(null),
  leaveWhenTriggerNotMet: z.boolean().default(false),
  openTasks: z
    .discriminatedUnion('policy', [
      z.strictObject({ policy: z.literal('keep') }),
      z.strictObject({ policy: z.literal('cancel') }),
      z.strictObject({ policy: z.literal('complete'), outcome: z.string().min(1).max(200) }),
    ])
    .default({ policy: 'keep' }),
});
export type ExitRules = z.infer<typeof exitRulesSchema>;

/** Re-entry (SPEC §13): once ever, again once the previous journey ended, or at most every N days. */
export const reentrySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('once') }),
  z.strictObject({ mode: z.literal('after_end') }),
  z.strictObject({ mode: z.literal('every_n_days'), days: z.number().int().min(1).max(3650) }),
]);
export type Reentry = z.infer<typeof reentrySchema>;

/** What a journey's current step waits for (journeys.waiting_for). */
export type WaitingFor =
  | { kind: 'time'; until: string }
  | { kind: 'task_completed'; taskIds: string[]; outcomes?: string[]; until: string }
  | { kind: 'criteria'; until: string };
