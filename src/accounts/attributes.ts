import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { attributeDefinitions, users } from '../db/schema/index.ts';
import { errors, type ErrorDetail } from '../http/errors.ts';

type Definition = typeof attributeDefinitions.$inferSelect;

export async function loadDefinitions(
  db: DbOrTx,
  workspaceId: string,
  entity: 'account' | 'contact',
): Promise<Map<string, Definition>> {
  const rows = await db
    .select()
    .from(attributeDefinitions)
    .where(
      and(
        eq(attributeDefinitions.workspaceId, workspaceId),
        eq(attributeDefinitions.entity, entity),
      ),
    );
  return new Map(rows.map((r) => [r.key, r]));
}

/**
 * Checks custom attribute values against the workspace's definitions and returns them normalised
 * (dates as YYYY-MM-DD, numbers as numbers). `null` clears a value. Unknown keys and wrong types
 * are refused with one detail per field (`<pathPrefix>.<key>`). `knownUserIds` (lower-case) replaces
 * the per-value user lookup for bulk callers.
 */
export async function validateAttributes(
  db: DbOrTx,
  workspaceId: string,
  entity: 'account' | 'contact',
  values: Record<string, unknown>,
  opts: {
    pathPrefix?: string;
    definitions?: Map<string, Definition>;
    knownUserIds?: Set<string>;
  } = {},
): Promise<Record<string, unknown>> {
  const defs = opts.definitions ?? (await loadDefinitions(db, workspaceId, entity));
  const prefix = opts.pathPrefix ?? 'body.attributes';
  const details: ErrorDetail[] = [];
  const out: Record<string, unknown> = {};
  const userIds: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(values)) {
    const path = `${prefix}.${key}`;
    const def = defs.get(key);
    if (!def) {
      details.push({ path, message: `unknown ${entity} attribute "${key}"` });
      continue;
    }
    if (value === null) {
      out[key] = null;
      continue;
    }
    const problem = checkValue(def, value);
    if (problem) {
      details.push({ path, message: problem });
      continue;
    }
    out[key] = def.type === 'date' ? String(value).slice(0, 10) : value;
    if (def.type === 'user') userIds.push([key, String(value)]);
  }
  for (const [key, id] of userIds) {
    // Bulk callers pass the workspace's user ids once instead of one query per value.
    if (opts.knownUserIds) {
      if (!opts.knownUserIds.has(id.toLowerCase()))
        details.push({ path: `${prefix}.${key}`, message: 'no such user in this workspace' });
      continue;
    }
    const [u] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, id), eq(users.workspaceId, workspaceId)));
    if (!u) details.push({ path: `${prefix}.${key}`, message: 'no such user in this workspace' });
  }
  if (details.length) throw errors.validation(details, 'Some attribute values are not valid.');
  return out;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkValue(def: Definition, value: unknown): string | null {
  switch (def.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 10_000
        ? null
        : 'must be text (at most 10,000 characters)';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' &&
        isIsoDate(value.slice(0, 10)) &&
        (value.length === 10 || !Number.isNaN(Date.parse(value)))
        ? null
        : 'must be a date (YYYY-MM-DD)';
    case 'enum':
      return typeof value === 'string' && (def.enumValues ?? []).includes(value)
        ? null
        : `must be one of: ${(def.enumValues ?? []).join(', ')}`;
    case 'user':
      return typeof value === 'string' && uuidPattern.test(value) ? null : 'must be a user id';
  }
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
