import type { z } from 'zod';
import { errors } from '../http/errors.ts';

/** Opaque list cursor: base64url JSON of the last row's sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor and checks its shape (bad or forged cursors are a 400, never a database error). */
export function decodeCursor<T>(cursor: string | undefined, shape: z.ZodType<T>): T | null {
  if (!cursor) return null;
  let value: unknown;
  try { value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')); } catch { value = undefined; }
  const parsed = shape.safeParse(value);
  if (!parsed.success) throw errors.field('querystring.cursor', 'The cursor is not valid.');
  return parsed.data;
}
