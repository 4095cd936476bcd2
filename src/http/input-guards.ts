import type { FastifyRequest } from 'fastify';
import { sqlState } from '../workspaces/db-errors.ts';
import { AppError, errors, type ErrorDetail } from './errors.ts';

const MAX_DETAILS = 20;
/**
 * How deeply a request's JSON may nest. Far deeper than any form needs (criteria nested 20 levels
 * take about 40), and checked before schema validation, so a recursive schema (the criteria tree)
 * cannot overflow the stack on a hostile body.
 */
export const MAX_JSON_DEPTH = 64;

/** Why PostgreSQL text cannot faithfully store `s`, or null. */
function unstorableText(s: string): string | null {
  // U+0000 would reach the database as a 500 (possibly after earlier writes).
  if (s.includes('\u0000')) return 'must not contain NUL characters';
  // An unpaired surrogate would be written as U+FFFD, silently changing what the user sent.
  if (!s.isWellFormed()) return 'must not contain unpaired surrogates (malformed Unicode text)';
  return null;
}

/**
 * Refuses, before validation and naming each field, what no schema should ever see: text the
 * database cannot store as sent (NUL, unpaired surrogates) in the body, query or params, and JSON
 * nested deeper than MAX_JSON_DEPTH. One iterative walk, so the walk itself cannot overflow.
 */
export function rejectUnsafeInput(req: FastifyRequest): void {
  const details: ErrorDetail[] = [];
  const stack: Array<[unknown, string, number]> = [
    [req.params, 'params', 0],
    [req.query, 'query', 0],
    [req.body, 'body', 0],
  ];
  while (stack.length > 0 && details.length < MAX_DETAILS) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'string') {
      const problem = unstorableText(value);
      if (problem) details.push({ path, message: problem });
    } else if (value && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH) {
        details.push({ path, message: `is nested too deeply (at most ${MAX_JSON_DEPTH} levels)` });
        continue;
      }
      for (const [k, v] of Object.entries(value)) {
        const problem = unstorableText(k);
        if (problem)
          details.push({
            path: `${path}.${k.replaceAll('\u0000', '\\0').toWellFormed()}`,
            message: problem,
          });
        else stack.push([v, `${path}.${k}`, depth + 1]);
      }
    }
  }
  if (details.length > 0) throw errors.validation(details);
}

/**
 * Database errors that bad or racing input can still cause, as client errors instead of 500s:
 * a unique or foreign-key race is a conflict; a data exception (class 22) is a bad value.
 */
export function databaseClientError(err: unknown): AppError | null {
  const state = sqlState(err);
  if (!state) return null;
  if (state === '23505')
    return errors.conflict('This conflicts with an existing record; reload and try again.');
  if (state === '23503')
    return errors.conflict('A record this refers to was changed or removed; reload and try again.');
  if (state.startsWith('22')) return errors.badRequest('A value in the request is not valid.');
  return null;
}

/** What a failed request logs: never a query's bound parameters (password hashes, token hashes, CSRF tokens). */
export function loggableError(err: unknown): unknown {
  const e = err as {
    query?: unknown;
    params?: unknown;
    cause?: { message?: unknown };
    stack?: string;
  };
  if (!e || typeof e !== 'object' || !('params' in e) || typeof e.query !== 'string') return err;
  return {
    type: 'DatabaseQueryError',
    code: sqlState(err),
    query: e.query,
    cause: String(e.cause?.message ?? ''),
    stack: e.stack?.slice(Math.max(0, e.stack.indexOf('\n    at '))),
  };
}
