import type { ErrorDetail } from '../http/errors.ts';

/**
 * How deeply criteria groups (and / or / not) may nest: a builder rarely needs more than three or
 * four levels, and every level is one more recursion when criteria are parsed and compiled.
 */
export const MAX_CRITERIA_DEPTH = 20;

/**
 * The first node nested deeper than MAX_CRITERIA_DEPTH, found by an iterative walk of the raw JSON
 * before the recursive schema parses it (so hostile nesting cannot overflow the stack).
 */
export function criteriaTooDeep(criteria: unknown, path: string): ErrorDetail | null {
  const stack: Array<[unknown, string, number]> = [[criteria, path, 1]];
  while (stack.length > 0) {
    const [node, at, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth > MAX_CRITERIA_DEPTH)
      return {
        path: at,
        message: `Criteria may nest at most ${MAX_CRITERIA_DEPTH} levels deep; simplify the conditions.`,
      };
    const { items, item } = node as { items?: unknown; item?: unknown };
    if (Array.isArray(items))
      items.forEach((child, i) => stack.push([child, `${at}.items.${i}`, depth + 1]));
    if (item !== undefined) stack.push([item, `${at}.item`, depth + 1]);
  }
  return null;
}
