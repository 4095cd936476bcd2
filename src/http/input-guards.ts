import type { FastifyRequest } from 'fastify';
import { sqlState } from '../workspaces/db-errors.ts';
import { AppError, errors, type ErrorDetail } from './errors.ts';

const MAX_NUL_DETAILS = 20;

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in the body, query or params would reach the
 * database as a 500 (possibly after earlier writes). Refuse it up front, naming each field.
 */
export function rejectNulCharacters(req: FastifyRequest): void {
  const details: ErrorDetail[] = [];
  const stack: Array<[unknown, string]> = [[req.params, 'params'], [req.query, 'querystring'], [req.body, 'body']];
  while (stack.length > 0 && details.length < MAX_NUL_DETAILS) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) details.push({ path, message: 'must not contain NUL characters' });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('\u0000')) details.push({ path: `${path}.${k.replaceAll('\u0000', '\\0')}`, message: 'must not contain NUL characters' });
        else stack.push([v, `${path}.${k}`]);
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
  if (state === '23505') return errors.conflict('This conflicts with an existing record; reload and try again.');
  if (state === '23503') return errors.conflict('A record this refers to was changed or removed; reload and try again.');
  if (state.startsWith('22')) return errors.badRequest('A value in the request is not valid.');
  return null;
}

/** What a failed request logs: never a query's bound parameters (password hashes, token hashes, CSRF tokens). */
export function loggableError(err: unknown): unknown {
  const e = err as { query?: unknown; params?: unknown; cause?: { message?: unknown }; stack?: string };
  if (!e || typeof e !== 'object' || !('params' in e) || typeof e.query !== 'string') return err;
  return { type: 'DatabaseQueryError', code: sqlState(err), query: e.query, cause: String(e.cause?.message ?? ''), stack: e.stack?.slice(Math.max(0, e.stack.indexOf('\n    at '))) };
}
