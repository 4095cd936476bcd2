// The one outcome-action schema (SPEC §3): what the templates API accepts and stores, what the OpenAPI
// document and the web editor describe, and what the play engine runs when a task is completed.
import { z } from 'zod';
import { dueUnitSchema } from '../working-days/due-unit.ts';

/**
 * Spellings older code wrote for two kinds. Stored JSON (and requests) using them are read under the
 * canonical names, so a database written before the names were unified still runs.
 */
const legacyNames: Record<string, OutcomeActionType> = {
  create_task: 'create_task_from_template',
  enroll: 'enroll_in_play',
};

function canonicalName(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  const type = (v as { type?: unknown }).type;
  const name = typeof type === 'string' ? legacyNames[type] : undefined;
  return name ? { ...(v as object), type: name } : v;
}

const target = z.enum(['account', 'contact']).default('account');

/**
 * What completing a task with an outcome does, under the canonical names: the shape the API documents
 * and returns. Read requests and stored JSON with `outcomeActionSchema`, which also takes the old names.
 */
export const outcomeActionShape = z
  .discriminatedUnion('type', [
    z.object({
      type: z.enum(['add_tag', 'remove_tag']),
      target,
      tag: z.string().trim().min(1).max(100),
    }),
    z.object({
      type: z.literal('set_attribute'),
      target,
      key: z.string().min(1).max(100),
      value: z.unknown(),
    }),
    z.object({
      type: z.literal('send_email'),
      subject: z.string().trim().min(1).max(500),
      body: z.string().min(1).max(50_000),
    }),
    z.object({
      type: z.literal('create_task_from_template'),
      templateId: z.uuid(),
      dueInDays: z.number().int().min(1).max(3650).optional(),
      /** `working_days`: counted in the assignee's working days and holidays (SPEC §14). */
      dueUnit: dueUnitSchema.optional(),
    }),
    z.object({ type: z.literal('enroll_in_play'), playId: z.uuid() }),
  ])
  .meta({ id: 'OutcomeAction' });

/** Reads an outcome action (request body or stored JSON): validation on write, the engine on completion. */
export const outcomeActionSchema = z.preprocess(canonicalName, outcomeActionShape);

export type OutcomeAction = z.infer<typeof outcomeActionShape>;
export type OutcomeActionType = OutcomeAction['type'];

/**
 * Stored actions as the API returns them: old names read as the canonical ones. An action no longer
 * valid (written around the API) is left out of the view; the engine records it as failed on completion.
 */
export function readStoredActions(actions: unknown): OutcomeAction[] {
  if (!Array.isArray(actions)) return [];
  return actions.flatMap((a) => {
    const r = outcomeActionSchema.safeParse(a);
    return r.success ? [r.data] : [];
  });
}
