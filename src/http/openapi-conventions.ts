/** The parts of an OpenAPI 3 document this file touches (kept loose: the generator's types vary by version). */
type Doc = {
  components?: {
    schemas?: Record<string, unknown>;
    responses?: Record<string, unknown>;
    parameters?: Record<string, unknown>;
  };
  paths?: Record<
    string,
    Record<
      string,
      | { responses?: Record<string, unknown>; parameters?: unknown[]; operationId?: string }
      | undefined
    >
  >;
};

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const pascal = (words: string) =>
  words
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/**
 * The operation's id from its method and path, e.g. `POST /api/v1/tasks/{id}/reassign-dynamically` →
 * `postTasksByIdReassignDynamically`: stable across runs and registration order, and generated
 * clients get readable names. A route may still declare its own `schema.operationId`.
 */
export function operationIdFor(method: string, path: string): string {
  const segments = path
    .replace(/^\/api\/v1(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith('{') ? `By${pascal(s.slice(1, -1))}` : pascal(s)));
  return method.toLowerCase() + segments.join('');
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', examples: ['validation_failed', 'not_found', 'version_conflict'] },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: {
              path: {
                type: 'string',
                examples: [
                  'body.title',
                  'body.actions.0.dueInDays',
                  'query.cursor',
                  'params.id',
                  'headers.if-match',
                ],
                description:
                  'Where the problem is: the part of the request (`body`, `query`, `params` or `headers`), then the field, dot-separated, array items by index. The part alone when the whole part is at fault.',
              },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
};
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/**
 * Writes the API's shared conventions into the generated document, so clients see them per operation:
 * an `operationId` on each, the one error shape on every 4xx/5xx, `Idempotency-Key` on POST, `If-Match` on updates.
 */
export function withApiConventions<T>(document: T): T {
  const doc = document as Doc;
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, Error: errorSchema },
    parameters: {
      ...doc.components?.parameters,
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', maxLength: 200 },
        description:
          'Repeating a POST with the same key replays the first answer; the same key with a different body is refused (409).',
      },
      IfMatch: {
        name: 'If-Match',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description:
          'The version you read (the ETag), when not sent as `version` in the body; a stale one is refused with 409.',
      },
    },
  };
  const operationIds = new Map<string, string>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      if (!op || !httpMethods.has(method)) continue;
      op.operationId ??= operationIdFor(method, path);
      const taken = operationIds.get(op.operationId);
      if (taken)
        throw new Error(
          `OpenAPI: ${method.toUpperCase()} ${path} and ${taken} share the operationId "${op.operationId}"; declare schema.operationId on one`,
        );
      operationIds.set(op.operationId, `${method.toUpperCase()} ${path}`);
      if (!path.startsWith('/api/v1/')) continue;
      op.responses = {
        ...op.responses,
        '4XX': errorResponse(
          'Refused: validation (with field paths), authentication, access, conflict or limits, in the one error shape',
        ),
        '5XX': errorResponse('Server error, in the one error shape'),
      };
      const extra =
        method === 'post'
          ? [{ $ref: '#/components/parameters/IdempotencyKey' }]
          : method === 'patch' || method === 'put' || method === 'delete'
            ? [{ $ref: '#/components/parameters/IfMatch' }]
            : [];
      if (extra.length) op.parameters = [...(op.parameters ?? []), ...extra];
    }
  }
  return document;
}
