import { sql, type SQL } from 'drizzle-orm';

// Arrays go to PostgreSQL as ONE bind parameter holding an array literal, on both drivers: a
// 100,000-id list is a single value, not 100,000 parameters (Drizzle would expand a JS array).

/** `'{"a","b\"c"}'`: every element double-quoted with `"` and `\` escaped, so any text (commas, braces, NULL) survives. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** A `uuid[]` parameter. Ids are not quoted (a uuid has nothing to escape; anything else fails the cast). */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** A `text[]` parameter. */
export const textArray = (values: readonly string[]): SQL =>
  sql`${textArrayLiteral(values)}::text[]`;

const integers = (values: readonly number[]) => `{${values.map((n) => Math.trunc(n)).join(',')}}`;

/** An `int[]` parameter. */
export const intArray = (values: readonly number[]): SQL => sql`${integers(values)}::int[]`;

/** An `int8[]` (bigint) parameter, e.g. change event ids. */
export const int8Array = (values: readonly number[]): SQL => sql`${integers(values)}::int8[]`;
