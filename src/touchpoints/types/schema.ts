import { z } from 'zod';

/** Mirrors the check constraint on touchpoint_types.key. */
export const TOUCHPOINT_TYPE_KEY = /^[a-z][a-z0-9_]{0,39}$/;

const label = z.string().trim().min(1).max(60);

/** What a touchpoint names as its type: a built-in or a workspace type's key (checked against the workspace). */
export const touchpointTypeField = z.string().trim().min(1).max(40);

export const createTouchpointTypeBody = z.strictObject({
  label,
  /** Optional: derived from the label when left out (e.g. "Onsite visit" → `onsite_visit`). */
  key: z
    .string()
    .regex(TOUCHPOINT_TYPE_KEY, 'lowercase letters, digits and _; starts with a letter; 40 at most')
    .optional(),
});
export type CreateTouchpointTypeInput = z.infer<typeof createTouchpointTypeBody>;

export const updateTouchpointTypeBody = z.strictObject({
  label: label.optional(),
  /** Archived types are no longer offered; touchpoints logged with them keep their label. */
  archived: z.boolean().optional(),
});
export type UpdateTouchpointTypeInput = z.infer<typeof updateTouchpointTypeBody>;

export const touchpointTypeItem = z.object({
  /** null for the built-in four. */
  id: z.uuid().nullable(),
  key: z.string(),
  label: z.string(),
  builtIn: z.boolean(),
  archived: z.boolean(),
});
export type TouchpointTypeItem = z.infer<typeof touchpointTypeItem>;

export const touchpointTypeList = z.object({ data: z.array(touchpointTypeItem) });

export const touchpointTypeListQuery = z.strictObject({
  includeArchived: z.enum(['true', 'false']).optional(),
});
