import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { touchpointTypes } from '../../db/schema/index.ts';
import { errors, type ErrorPath } from '../../http/errors.ts';
import { BUILTIN_TOUCHPOINT_TYPES, isBuiltinTouchpointType } from './builtin.ts';
import type { TouchpointTypeItem } from './schema.ts';

type Row = typeof touchpointTypes.$inferSelect;

export const toItem = (r: Row): TouchpointTypeItem => ({
  id: r.id,
  key: r.key,
  label: r.label,
  builtIn: false,
  archived: r.archivedAt !== null,
});

/** The built-in four, then the workspace's own by label (archived ones only when asked). */
export async function listTouchpointTypes(
  db: DbOrTx,
  workspaceId: string,
  opts: { includeArchived?: boolean } = {},
): Promise<TouchpointTypeItem[]> {
  const rows = await db
    .select()
    .from(touchpointTypes)
    .where(eq(touchpointTypes.workspaceId, workspaceId))
    .orderBy(asc(touchpointTypes.label), asc(touchpointTypes.key));
  const builtIn = Object.entries(BUILTIN_TOUCHPOINT_TYPES).map(([key, label]) => ({
    id: null,
    key,
    label,
    builtIn: true,
    archived: false,
  }));
  return [...builtIn, ...rows.map(toItem).filter((t) => opts.includeArchived || !t.archived)];
}

/**
 * The label of a type a new touchpoint may use: a built-in or an active type of the workspace;
 * anything else is refused on `path` with the keys it could have used.
 */
export async function resolveTouchpointType(
  db: DbOrTx,
  workspaceId: string,
  key: string,
  path: ErrorPath,
): Promise<string> {
  if (isBuiltinTouchpointType(key)) return BUILTIN_TOUCHPOINT_TYPES[key];
  const [row] = await db
    .select()
    .from(touchpointTypes)
    .where(and(eq(touchpointTypes.workspaceId, workspaceId), eq(touchpointTypes.key, key)));
  if (row && !row.archivedAt) return row.label;
  if (row)
    throw errors.field(path, `The touchpoint type "${row.label}" is archived; choose another.`);
  const keys = (await listTouchpointTypes(db, workspaceId)).map((t) => t.key);
  throw errors.field(path, `Unknown touchpoint type "${key}"; use one of: ${keys.join(', ')}.`);
}

/** Labels of the given keys as the workspace names them now (archived ones included). */
export async function touchpointTypeLabels(
  db: DbOrTx,
  workspaceId: string,
  keys: string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const custom = [...new Set(keys)].filter((k) => !isBuiltinTouchpointType(k));
  for (const k of keys) if (isBuiltinTouchpointType(k)) out.set(k, BUILTIN_TOUCHPOINT_TYPES[k]);
  if (custom.length) {
    const rows = await db
      .select({ key: touchpointTypes.key, label: touchpointTypes.label })
      .from(touchpointTypes)
      .where(
        and(eq(touchpointTypes.workspaceId, workspaceId), inArray(touchpointTypes.key, custom)),
      );
    for (const r of rows) out.set(r.key, r.label);
  }
  return out;
}
