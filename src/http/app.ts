import Fastify, { type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Deps } from '../context.ts';
import type { App } from './app-type.ts';
import { trustProxySetting } from '../config.ts';
import { authenticate } from '../auth/authenticate.ts';
import { databaseRateLimitStore } from '../auth/rate-limit-store.ts';
import { AppError, errors } from './errors.ts';
import { registerIdempotency } from './idempotency.ts';
import { answerClientError } from './client-errors.ts';
import { databaseClientError, loggableError, rejectUnsafeInput } from './input-guards.ts';
import { registerRoutes } from './routes.ts';
import { registerMetrics } from './metrics.ts';
import { registerHealth, type Heartbeat } from './health.ts';
import { withApiConventions } from './openapi-conventions.ts';
import { loggedRequest } from './redact-url.ts';

export type { App };

export async function buildApp(
  deps: Deps,
  opts: {
    logger?: boolean;
    logStream?: { write(line: string): void };
    heartbeats?: Heartbeat[];
  } = {},
): Promise<App> {
  const app = Fastify({
    // Request URLs are logged with secrets (signed-link tokens, token/code/… parameters) redacted.
    logger: opts.logger
      ? {
          level: deps.config.LOG_LEVEL,
          serializers: { req: loggedRequest },
          ...(opts.logStream ? { stream: opts.logStream } : {}),
        }
      : false,
    bodyLimit: deps.config.PLAYMAKER_MAX_BODY_BYTES,
    trustProxy: trustProxySetting(deps.config.PLAYMAKER_TRUST_PROXY),
    ajv: { customOptions: { removeAdditional: false } },
    // Refusals made before routing (bad %-escapes, over-long params, unparsable HTTP) in the one error shape too.
    frameworkErrors: (err, _req, reply: FastifyReply) => {
      const e = toAppError(err);
      void reply.status(e.status).send(e.toBody());
    },
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();
  const routeTable: Array<{ method: string; url: string; public: boolean }> = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method !== 'HEAD')
        routeTable.push({ method, url: r.url, public: Boolean(r.config?.public) });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    const body = toAppError(err);
    if (body.status >= 500) req.log.error({ err: loggableError(err) }, 'request failed');
    else if (!(err instanceof AppError) && databaseClientError(err))
      req.log.warn({ err: loggableError(err) }, 'database refused the request');
    void reply.status(body.status).send(body.toBody());
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send(errors.notFound(`${req.method} ${req.url.split('?')[0]}`).toBody());
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        // Self-hosted installs often serve plain HTTP on a LAN address; upgrading would break them.
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  // Counters live in the database, so limits hold across every API process.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(deps) });
  await app.register(multipart, {
    limits: { fileSize: deps.config.PLAYMAKER_MAX_UPLOAD_BYTES, files: 10, fields: 20 },
  });
  await app.register(swagger, {
    openapi: {
      // 3.1 (JSON Schema 2020-12): zod's nullables and recursive criteria need no 3.0 workarounds.
      openapi: '3.1.0',
      info: {
        title: 'Playmaker API',
        version: '1',
        description: 'Tasks, accounts and plays for customer-success teams.',
        license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
      },
      servers: [{ url: '/', description: 'This Playmaker server' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (pmk_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'pm_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    // Named zod schemas (recursive criteria) become components first, then the shared conventions.
    transformObject: (d) => withApiConventions(jsonSchemaTransformObject(d)),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => {
    await deps.db.execute('select 1');
    return { status: 'ok', database: deps.dbKind };
  });

  registerHealth(app, deps, opts.heartbeats ?? []);
  registerMetrics(app, deps);

  // Authentication for every /api/v1 route not explicitly public. Keyed on the matched route, not the
  // raw URL: the router decodes %-escapes, so "/%61pi/v1/…" reaches "/api/v1/…" routes too.
  app.addHook('onRequest', async (req) => {
    if (!req.routeOptions.url?.startsWith('/api/v1/')) return;
    if (req.routeOptions.config?.public) return;
    req.actor = { ...(await authenticate(deps, req)), ip: req.ip };
  });
  app.addHook('preValidation', async (req) => rejectUnsafeInput(req));
  registerIdempotency(app, deps);
  await registerRoutes(app, deps);
  return app;
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    // Paths name the part of the request first: body.…, query.…, params.…, headers.…
    const context = (err as { validationContext?: string }).validationContext ?? 'body';
    const where = context === 'querystring' ? 'query' : context;
    return errors.validation(
      err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      })),
    );
  }
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (
    e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
    e.code === 'FST_REQ_FILE_TOO_LARGE' ||
    e.statusCode === 413
  ) {
    return errors.tooLarge('The request body is too large.');
  }
  if (e.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return new AppError('uri_too_long', 'A part of the URL is too long.');
  if (e.code === 'FST_ERR_BAD_URL')
    return errors.badRequest('The URL is not valid (a malformed %-escape).');
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new AppError('unsupported_media_type', 'Unsupported Content-Type.');
  if (e.statusCode === 429)
    return new AppError('rate_limited', 'Too many requests; wait a moment and try again.');
  const fromDatabase = databaseClientError(err);
  if (fromDatabase) return fromDatabase;
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return errors.badRequest(
      e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.message?.includes('JSON')
        ? 'The body is not valid JSON.'
        : (e.message ?? 'Bad request.'),
    );
  }
  return new AppError('internal', 'Something went wrong on our side.');
}
