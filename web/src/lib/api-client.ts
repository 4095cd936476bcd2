// The one HTTP client, typed from the OpenAPI document (api-schema.d.ts, `npm run gen:api`): same-origin cookie
// session, CSRF header on writes, the API's error shape as ApiError.
import createClient from 'openapi-fetch';
import type { paths } from './api-schema';

/** One validation problem, with the API's field path (e.g. `body.title`, `attributes.renewal_date`). */
export type ErrorDetail = { path: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the session's CSRF token (from login or GET /me); writes send it back. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when any request answers 401, so the app can show the sign-in page. */
export function setUnauthenticatedHandler(fn: () => void) {
  onUnauthenticated = fn;
}

export type Query = Record<string, string | number | boolean | null | undefined | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, x));
    else qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** The typed client: every path, method, parameter and body is checked against the server's OpenAPI document. */
export const client = createClient<paths>({
  headers: { accept: 'application/json' },
  credentials: 'same-origin',
  querySerializer: (q) => withQuery('', q as Query).slice(1),
});

client.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD' && csrfToken)
      request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    if (
      response.status === 401 &&
      onUnauthenticated &&
      !new URL(request.url).pathname.endsWith('/auth/login')
    )
      onUnauthenticated();
    return undefined;
  },
  onError({ error }) {
    if ((error as Error).name === 'AbortError') return error as Error;
    return new ApiError(
      0,
      'network',
      'Cannot reach the server. Check your connection and try again.',
    );
  },
});

type Answer<D> = { data?: D; error?: unknown; response: Response };

/** The body of a successful answer (typed by the document); any other answer is thrown as an ApiError with its field errors. */
export async function ok<D>(pending: Promise<Answer<D>>): Promise<D> {
  const { data, error, response } = await pending;
  if (response.ok) return data as D;
  const e = (
    error as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined
  )?.error;
  throw new ApiError(
    response.status,
    e?.code ?? 'http_error',
    e?.message ?? `Request failed (${response.status}).`,
    e?.details ?? [],
  );
}

/** `ok`, typed with the feature's own (richer) response type where the document's is looser; path and body stay checked. */
export const okAs = <T>(pending: Promise<Answer<unknown>>) => ok(pending) as Promise<T>;

/** A URL for a plain link (a download, an export) to a path of the document, with its `{params}` filled in. */
export function linkTo(
  path: keyof paths,
  params: Record<string, string> = {},
  query?: Query,
): string {
  return withQuery(
    path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? '')),
    query,
  );
}

/** The JSON body an operation accepts, from the document (for hooks that take a body from their caller). */
export type RequestBody<
  P extends keyof paths,
  M extends 'post' | 'put' | 'patch' | 'delete',
> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** A page of a cursor-paginated list. */
export type Page<T> = { data: T[]; nextCursor: string | null };

/** Human text for any thrown error. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}
