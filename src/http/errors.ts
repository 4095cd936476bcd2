/** The one error shape every endpoint returns: `{ error: { code, message, details[] } }`. */
/**
 * Where a problem is, named from the part of the request it is in: `body.title`, `body.actions.0.dueInDays`,
 * `query.cursor`, `params.id`, `headers.if-match` (the part alone when the whole part is at fault).
 */
type RequestPart = 'body' | 'query' | 'params' | 'headers';
export type ErrorPath = RequestPart | `${RequestPart}.${string}`;
export type ErrorDetail = { path: string; message: string };

const statusByCode = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  idempotency_conflict: 409,
  precondition_required: 428,
  request_timeout: 408,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
  ai_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof statusByCode;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.code = code;
    this.status = statusByCode[code];
    this.details = details;
  }
  toBody() {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** One factory per error code, so call sites read as sentences. */
export const errors = {
  validation: (details: ErrorDetail[], message = 'The request is not valid.') =>
    new AppError('validation_failed', message, details),
  field: (path: ErrorPath, message: string) =>
    new AppError('validation_failed', message, [{ path, message }]),
  badRequest: (message: string) => new AppError('bad_request', message),
  unauthenticated: (message = 'Sign in or send a valid API token.') =>
    new AppError('unauthenticated', message),
  forbidden: (message = 'You do not have access to this.') => new AppError('forbidden', message),
  notFound: (what: string) => new AppError('not_found', `${what} was not found.`),
  conflict: (message: string) => new AppError('conflict', message),
  versionConflict: (current: number) =>
    new AppError(
      'version_conflict',
      'This record was changed by someone else; reload it and try again.',
      [{ path: 'body.version', message: `current version is ${current}` }],
    ),
  unprocessable: (message: string, details: ErrorDetail[] = []) =>
    new AppError('unprocessable', message, details),
  tooLarge: (message: string) => new AppError('payload_too_large', message),
};

export const errorResponseSchemaJson = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
