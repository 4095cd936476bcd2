import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { AppError, errors, type ErrorDetail } from '../http/errors.ts';
import { loadDefinitions, validateAttributes } from './attributes.ts';

export const MAX_BULK_ROWS = 10_000;
const MAX_DETAILS = 1000;

/** Result of a bulk upsert: rows inserted, rows that changed, rows already as sent. */
export type BulkResult = { created: number; updated: number; unchanged: number };
/** The bulk routes' response schema: a `BulkResult`. */
export const bulkResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

/**
 * Validates `{ rows: [...] }` row by row, so every problem is reported as `body.rows.<index>.<field>`
 * (the route lets the raw body through for this reason). Throws one 400 listing them all.
 */
export function parseBulkRows<T>(schema: z.ZodType<T>, body: unknown): T[] {
  const top = z.object({ rows: z.array(z.unknown()).min(1).max(MAX_BULK_ROWS) }).safeParse(body);
  if (!top.success)
    throw errors.validation(
      top.error.issues.map((i) => ({
        path: ['body', 'rows', ...i.path.slice(1)].join('.'),
        message: i.message,
      })),
    );
  const details: ErrorDetail[] = [];
  const out: T[] = [];
  top.data.rows.forEach((row, i) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) {
      out.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      const base = ['body', 'rows', i, ...issue.path].join('.');
      if (issue.code === 'unrecognized_keys')
        details.push(
          ...issue.keys.map((k) => ({ path: `${base}.${k}`, message: 'unknown field' })),
        );
      else details.push({ path: base, message: issue.message });
    }
  });
  throwIfAny(details);
  return out;
}

/** One 400 with every detail (capped, so a wholly wrong file does not produce a giant answer). */
export function throwIfAny(details: ErrorDetail[]): void {
  if (details.length === 0) return;
  const shown = details.slice(0, MAX_DETAILS);
  const more =
    details.length > MAX_DETAILS
      ? ` (first ${MAX_DETAILS} of ${details.length} problems shown)`
      : '';
  throw errors.validation(shown, `Nothing was written: some rows are not valid${more}.`);
}

/**
 * After an upsert: every row written must be the record the plan was made for. A record created by
 * a concurrent request after the batch read its rows would otherwise be overwritten unchecked.
 */
export function assertPlannedIds(
  written: Array<{ id: string }>,
  planned: Array<{ id: string }>,
): void {
  const ids = new Set(planned.map((p) => p.id));
  if (written.some((w) => !ids.has(w.id))) {
    throw errors.conflict(
      'Some of these records were created by another request at the same time; nothing was written, send the batch again.',
    );
  }
}

/** Detail for each external id already used by an earlier row of the same batch. */
export function duplicateKeys(keys: string[], field = 'externalId'): ErrorDetail[] {
  const first = new Map<string, number>();
  const details: ErrorDetail[] = [];
  keys.forEach((k, i) => {
    const at = first.get(k);
    if (at === undefined) first.set(k, i);
    else
      details.push({ path: `body.rows.${i}.${field}`, message: `same external id as rows.${at}` });
  });
  return details;
}

/** Validates every row's attributes with one definitions read and one users read; collects details. */
export async function validateRowAttributes(
  db: DbOrTx,
  workspaceId: string,
  entity: 'account' | 'contact',
  rows: Array<{ attributes?: Record<string, unknown> }>,
  details: ErrorDetail[],
): Promise<Array<Record<string, unknown>>> {
  const definitions = await loadDefinitions(db, workspaceId, entity);
  const needsUsers = [...definitions.values()].some((d) => d.type === 'user');
  const knownUserIds = needsUsers
    ? new Set(
        (
          await db.select({ id: users.id }).from(users).where(eq(users.workspaceId, workspaceId))
        ).map((u) => u.id.toLowerCase()),
      )
    : new Set<string>();
  const out: Array<Record<string, unknown>> = [];
  for (const [i, row] of rows.entries()) {
    if (!row.attributes || Object.keys(row.attributes).length === 0) {
      out.push({});
      continue;
    }
    try {
      out.push(
        await validateAttributes(db, workspaceId, entity, row.attributes, {
          pathPrefix: `body.rows.${i}.attributes`,
          definitions,
          knownUserIds,
        }),
      );
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      details.push(...err.details);
      out.push({});
    }
  }
  return out;
}
