// The one home for the four built-in touchpoint types and their words. Pure, so the web app imports it
// too (labels, pickers) and the server's timeline sentences say the same.

export const BUILTIN_TOUCHPOINT_TYPES = {
  email: 'E-mail',
  call: 'Call',
  meeting: 'Meeting',
  note: 'Note',
} as const;

export type BuiltinTouchpointType = keyof typeof BUILTIN_TOUCHPOINT_TYPES;

/** A touchpoint type's key: a built-in or a workspace type's (`touchpoint_types.key`). */
export type TouchpointTypeKey = BuiltinTouchpointType | (string & {});

export const isBuiltinTouchpointType = (key: string): key is BuiltinTouchpointType =>
  Object.hasOwn(BUILTIN_TOUCHPOINT_TYPES, key);

/** The built-in's words, else `fallback` (a workspace type's label is stored where it is needed). */
export const builtinTouchpointLabel = (key: string, fallback: string): string =>
  isBuiltinTouchpointType(key) ? BUILTIN_TOUCHPOINT_TYPES[key] : fallback;
