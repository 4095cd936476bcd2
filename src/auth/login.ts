import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { sessions, teamMembers, users } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { dummyPasswordHash, randomToken, sha256, verifyPassword } from './credentials.ts';

/** Checks e-mail and password and opens a server-side session; returns the raw cookie value once. */
export async function login(deps: Deps, input: { email: string; password: string }) {
  if (deps.config.PLAYMAKER_PASSWORD_LOGIN === 'false')
    throw errors.forbidden('Password sign-in is turned off here; sign in with SSO.');
  const [user] = await deps.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${input.email})`);
  // Verify against a dummy hash for unknown users so response time does not reveal which e-mails exist.
  const ok = await verifyPassword(
    user?.passwordHash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!user || !user.passwordHash || !ok || !user.enabled)
    throw errors.unauthenticated('E-mail or password is wrong.');
  return openSession(deps, user);
}

/** A new server-side session for a user who has proven who they are (password or SSO). */
export async function openSession(deps: Deps, user: typeof users.$inferSelect) {
  const cookie = randomToken(32);
  const csrfToken = randomToken(24);
  const now = deps.clock.now();
  await deps.db.insert(sessions).values({
    idHash: sha256(cookie),
    workspaceId: user.workspaceId,
    userId: user.id,
    csrfToken,
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.config.PLAYMAKER_SESSION_DAYS * 86_400_000),
  });
  const teams = await deps.db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, user.id));
  return { cookie, csrfToken, user, teamIds: teams.map((t) => t.teamId) };
}

export async function logout(deps: Deps, cookie: string | undefined): Promise<void> {
  if (cookie) await deps.db.delete(sessions).where(eq(sessions.idHash, sha256(cookie)));
}

export async function csrfTokenFor(
  deps: Deps,
  cookie: string,
  userId: string,
): Promise<string | null> {
  const [row] = await deps.db
    .select({ csrf: sessions.csrfToken })
    .from(sessions)
    .where(and(eq(sessions.idHash, sha256(cookie)), eq(sessions.userId, userId)));
  return row?.csrf ?? null;
}

/** Ends every session of a user (disable, password change). */
export async function endSessionsOf(deps: Pick<Deps, 'db'>, userId: string): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.userId, userId));
}
