import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../context.ts';
import { SESSION_COOKIE } from './authenticate.ts';

/** 'auto': Secure whenever the app is reached over HTTPS (its public URL, or this request's protocol). */
export function secureCookies(deps: Deps, req: FastifyRequest): boolean {
  const { PLAYMAKER_SECURE_COOKIES: mode, PLAYMAKER_PUBLIC_URL: publicUrl } = deps.config;
  return (
    mode === 'true' ||
    (mode === 'auto' && (publicUrl?.startsWith('https:') === true || req.protocol === 'https'))
  );
}

/** The session cookie every sign-in method sets. */
export function setSessionCookie(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  cookie: string,
): void {
  reply.setCookie(SESSION_COOKIE, cookie, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureCookies(deps, req),
    maxAge: deps.config.PLAYMAKER_SESSION_DAYS * 86_400,
  });
}
