import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../context.ts';
import type { App } from '../../http/app-type.ts';
import { openSession } from '../login.ts';
import { secureCookies, setSessionCookie } from '../session-cookie.ts';
import { finishSignIn } from './finish-sign-in.ts';
import { oidcClient } from './provider-client.ts';
import { SsoRefusal } from './refusal.ts';
import { oidcSettings } from './settings.ts';
import { SIGN_IN_TTL_MS, startSignIn } from './start-sign-in.ts';
import { userForIdentity } from './user-for-identity.ts';

/** Holds this browser's `state` between start and callback; scoped to the callback, gone after it. */
const STATE_COOKIE = 'pm_oidc_state';
const CALLBACK_PATH = '/api/v1/auth/oidc/callback';

/** Where refusals land: the sign-in page shows the message. */
const signInPageWith = (message: string) => `/?sso_error=${encodeURIComponent(message)}`;

export async function oidcRoutes(app: App, deps: Deps) {
  const settings = oidcSettings(deps.config);

  app.get(
    '/api/v1/auth/providers',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Which sign-in methods are on (for the sign-in page)',
        response: { 200: z.object({ password: z.boolean(), sso: z.boolean() }) },
      },
    },
    async () => ({
      password: deps.config.PLAYMAKER_PASSWORD_LOGIN !== 'false',
      sso: settings !== null,
    }),
  );

  if (!settings) return;
  const oidc = oidcClient(settings);
  // Behind a proxy set PLAYMAKER_PUBLIC_URL; else the address the browser used.
  const redirectUri = (req: FastifyRequest) =>
    `${deps.config.PLAYMAKER_PUBLIC_URL?.replace(/\/$/, '') ?? `${req.protocol}://${req.host}`}${CALLBACK_PATH}`;
  const stateCookie = (req: FastifyRequest) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    path: CALLBACK_PATH,
    secure: secureCookies(deps, req),
  });

  // Browser navigations answered with redirects, not API calls: kept out of the API document.
  app.get(
    '/api/v1/auth/oidc/start',
    { config: { public: true }, schema: { hide: true } },
    async (req, reply) => {
      try {
        const { url, state } = await startSignIn(deps, oidc, redirectUri(req));
        reply.setCookie(STATE_COOKIE, state, {
          ...stateCookie(req),
          maxAge: SIGN_IN_TTL_MS / 1000,
        });
        return reply.redirect(url.href);
      } catch (err) {
        req.log.warn({ err }, 'OIDC sign-in could not start');
        return reply.redirect(
          signInPageWith('The sign-in provider could not be reached. Please try again later.'),
        );
      }
    },
  );

  app.get(
    CALLBACK_PATH,
    { config: { public: true }, schema: { hide: true } },
    async (req, reply) => {
      reply.clearCookie(STATE_COOKIE, stateCookie(req));
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      try {
        const identity = await finishSignIn(
          deps,
          oidc,
          new URL(`${redirectUri(req)}${query}`),
          req.cookies[STATE_COOKIE],
        );
        const user = await userForIdentity(deps, settings, identity);
        const { cookie } = await openSession(deps, user);
        setSessionCookie(deps, req, reply, cookie);
        return reply.redirect('/');
      } catch (err) {
        if (!(err instanceof SsoRefusal)) {
          req.log.error({ err }, 'OIDC sign-in failed');
          return reply.redirect(signInPageWith('Signing in failed. Please try again.'));
        }
        req.log.info({ err: err.cause ?? err }, 'OIDC sign-in refused');
        return reply.redirect(signInPageWith(err.message));
      }
    },
  );
}
