import { z } from 'zod';
import { errors } from './errors.ts';

/**
 * The one keyset cursor codec for every list: base64url JSON of the last row's sort key.
 * Decoding checks the key against the list's own zod tuple, so a tampered, foreign or truncated
 * cursor is a 400 on `query.cursor` before any of it reaches SQL (or `new Date()`).
 */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The sort key a cursor carries, checked against `shape`; no cursor → null. */
export function decodeCursor<T>(raw: string | undefined, shape: z.ZodType<T>): T | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = shape.safeParse(value);
  if (!parsed.success)
    throw errors.field('query.cursor', 'The cursor is not valid; start again from the first page.');
  return parsed.data;
}

/** Parts that sort keys are made of. */
export const cursorPart = {
  /** `Date#toISOString()` output. */
  instant: z.iso.datetime(),
  /** A timestamptz as PostgreSQL prints it (`::text`), which keeps microseconds. */
  pgTimestamp: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/),
  date: z.iso.date(),
  id: z.uuid(),
};
