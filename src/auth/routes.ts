import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { FastifyRequest } from 'fastify';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { AppError } from '../http/errors.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { csrfTokenFor, login, logout } from './login.ts';
import { issueApiToken, listApiTokens, revokeApiToken } from './tokens.ts';
import { secureCookies, setSessionCookie } from './session-cookie.ts';
import { oidcRoutes } from './oidc/routes.ts';

const meSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'advanced', 'standard']),
  teamIds: z.array(z.uuid()),
  csrfToken: z.string().nullable(),
});
const tokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
});

export async function authRoutes(app: App, deps: Deps) {
  const { PLAYMAKER_LOGIN_RATE_LIMIT: perAccount } = deps.config;
  const secure = (req: FastifyRequest) => secureCookies(deps, req);
  // Per address, over all e-mails: bounds credential stuffing from one address.
  const perAddress = app.createRateLimit({ max: perAccount * 5, timeWindow: '1 minute' });

  app.post(
    '/api/v1/auth/login',
    {
      onRequest: async (req) => {
        const limit = await perAddress(req);
        if (!limit.isAllowed && limit.isExceeded)
          throw new AppError(
            'rate_limited',
            'Too many sign-in attempts; wait a minute and try again.',
          );
      },
      config: {
        public: true,
        // Per address and e-mail: slows guessing without letting one attacker lock everyone out. It runs
        // as a preHandler because the body (the e-mail) is not parsed yet at onRequest.
        rateLimit: {
          max: perAccount,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '')
              .trim()
              .toLowerCase()}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password (sets the session cookie)',
        body: z.object({ email: z.string().max(320), password: z.string().max(1024) }),
        response: { 200: meSchema },
      },
    },
    async (req, reply) => {
      const { cookie, csrfToken, user, teamIds } = await login(deps, req.body);
      setSessionCookie(deps, req, reply, cookie);
      return {
        id: user.id,
        workspaceId: user.workspaceId,
        name: user.name,
        email: user.email,
        role: user.role,
        teamIds,
        csrfToken,
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } },
    },
    async (req, reply) => {
      await logout(deps, req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: secure(req),
      });
      return reply.status(204).send(null);
    },
  );

  await oidcRoutes(app, deps);

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user (and the CSRF token for cookie sessions)',
        response: { 200: meSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const cookie = req.cookies[SESSION_COOKIE];
      const csrfToken =
        actor.via === 'session' && cookie ? await csrfTokenFor(deps, cookie, actor.userId) : null;
      return {
        id: actor.userId,
        workspaceId: actor.workspaceId,
        name: actor.name,
        email: actor.email,
        role: actor.role,
        teamIds: actor.teamIds,
        csrfToken,
      };
    },
  );

  app.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'My API tokens',
        response: { 200: z.object({ data: z.array(tokenSchema) }) },
      },
    },
    async (req) => ({ data: await listApiTokens(deps, actorOf(req)) }),
  );

  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token (shown once)',
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 201: tokenSchema.extend({ token: z.string() }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const created = await issueApiToken(deps, actor, req.body.name);
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke a token',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await revokeApiToken(deps, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
