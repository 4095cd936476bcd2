import { errors } from '../http/errors.ts';

/** Opaque keyset cursor: base64url JSON of the sort key of the last row served. */
export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; a tampered or foreign cursor is a 400 on `cursor`. */
export function decodeCursor(cursor: string | undefined, kinds: Array<'string' | 'number' | 'uuid'>): Array<string | number> | null {
  if (!cursor) return null;
  let parsed: unknown;
  try { parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')); } catch { parsed = null; }
  if (!Array.isArray(parsed) || parsed.length !== kinds.length || parsed.some((v, i) => !isKind(v, kinds[i]!))) {
    throw errors.field('cursor', 'The cursor is not valid; start again from the first page.');
  }
  return parsed as Array<string | number>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isKind(v: unknown, kind: 'string' | 'number' | 'uuid'): boolean {
  if (kind === 'uuid') return typeof v === 'string' && uuidPattern.test(v);
  return typeof v === kind;
}

/** ILIKE pattern for a free-text search, with the user's `%`, `_` and `\` taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
