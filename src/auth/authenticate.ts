import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Actor, Deps } from '../context.ts';
import { apiTokens, sessions, teamMembers, users } from '../db/schema/index.ts';
import { AppError, errors } from '../http/errors.ts';
import { safeEqual, sha256 } from './credentials.ts';

export const SESSION_COOKIE = 'pm_session';
export const CSRF_HEADER = 'x-csrf-token';

type UserRow = typeof users.$inferSelect;

// The caller's teams come back in the same round trip as the credential check (every request pays it).
const teamIdsOfUser = sql<
  string[]
>`array(select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.userId} = ${users.id})`;

function actorFor(user: UserRow, teamIds: string[], via: Actor['via']): Actor {
  return {
    userId: user.id,
    workspaceId: user.workspaceId,
    role: user.role,
    name: user.name,
    email: user.email,
    teamIds,
    via,
  };
}

/**
 * Resolves the caller from `Authorization: Bearer` or the session cookie. Disabled users and revoked
 * tokens are refused here, on every request, so disabling takes effect at once.
 */
export async function authenticate(deps: Deps, req: FastifyRequest): Promise<Actor> {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw errors.unauthenticated('Malformed Authorization header.');
    const [row] = await deps.db
      .select({ user: users, teamIds: teamIdsOfUser })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, sha256(match[1])), isNull(apiTokens.revokedAt)));
    if (!row || !row.user.enabled) throw errors.unauthenticated('The API token is not valid.');
    return actorFor(row.user, parseUuidArray(row.teamIds), 'token');
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) throw errors.unauthenticated();
  const [row] = await deps.db
    .select({ user: users, csrf: sessions.csrfToken, teamIds: teamIdsOfUser })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.idHash, sha256(cookie)),
        gt(sessions.expiresAt, sql`${deps.clock.now().toISOString()}::timestamptz`),
      ),
    );
  if (!row || !row.user.enabled)
    throw errors.unauthenticated('Your session has ended; sign in again.');
  // Cookie-authenticated writes must echo the session's CSRF token in a header (a cross-site form cannot).
  if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, row.csrf)) {
      throw new AppError('csrf_failed', 'Missing or wrong CSRF token.');
    }
  }
  return actorFor(row.user, parseUuidArray(row.teamIds), 'session');
}

/** uuid[] arrives parsed from node-postgres but as '{a,b}' text from some drivers; accept both. */
function parseUuidArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string')
    return v
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean);
  return [];
}
