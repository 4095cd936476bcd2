import { errors } from '../http/errors.ts';

/** Opaque keyset cursor: the sort key of the last row served, as base64url JSON. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor and checks it has the expected shape; a tampered cursor is a 400, not a 500. */
export function decodeCursor<T extends unknown[]>(cursor: string, check: (key: unknown[]) => key is T): T {
  let key: unknown;
  try { key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')); } catch { key = null; }
  if (!Array.isArray(key) || !check(key)) throw errors.field('query.cursor', 'The cursor is not valid; start again from the first page.');
  return key;
}
