import { sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { users, workspaces } from '../../db/schema/index.ts';
import { isUniqueViolation } from '../../workspaces/db-errors.ts';
import type { VerifiedIdentity } from './finish-sign-in.ts';
import { refuse } from './refusal.ts';
import type { OidcSettings } from './settings.ts';

type User = typeof users.$inferSelect;
const roles = ['admin', 'advanced', 'standard'] as const;

/** The enabled user with this verified e-mail; created at first sign-in when its domain is allowed. */
export async function userForIdentity(
  deps: Deps,
  settings: OidcSettings,
  identity: VerifiedIdentity,
): Promise<User> {
  const existing = await userByEmail(deps, identity.email);
  if (existing) {
    if (!existing.enabled)
      throw refuse('Your Playmaker account is disabled. Ask an administrator.');
    return existing;
  }
  const domain = identity.email.slice(identity.email.lastIndexOf('@') + 1).toLowerCase();
  if (!settings.allowedDomains.includes(domain)) {
    throw refuse(
      `There is no Playmaker account for ${identity.email}, and accounts for @${domain} addresses are not created automatically. Ask an administrator to add you.`,
    );
  }
  const workspaceId = await workspaceForDomain(deps, domain);
  const claimed = settings.roleClaim ? identity.claims[settings.roleClaim] : undefined;
  const role = roles.find((r) => r === claimed) ?? 'standard';
  try {
    const [created] = await deps.db
      .insert(users)
      .values({
        workspaceId,
        email: identity.email,
        name: identity.name ?? identity.email.slice(0, identity.email.lastIndexOf('@')),
        role,
        passwordHash: null,
        createdAt: deps.clock.now(),
      })
      .returning();
    return created!;
  } catch (err) {
    // A parallel first sign-in of the same person created it a moment ago.
    if (isUniqueViolation(err)) return (await userByEmail(deps, identity.email))!;
    throw err;
  }
}

async function userByEmail(deps: Deps, email: string): Promise<User | undefined> {
  const [user] = await deps.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return user;
}

/** The only workspace, or else the one workspace whose users already have addresses at this domain. */
async function workspaceForDomain(deps: Deps, domain: string): Promise<string> {
  const all = await deps.db.select({ id: workspaces.id }).from(workspaces).limit(2);
  if (all.length === 1) return all[0]!.id;
  const matching = await deps.db
    .selectDistinct({ id: users.workspaceId })
    .from(users)
    .where(sql`right(lower(${users.email}), ${domain.length + 1}) = ${`@${domain}`}`)
    .limit(2);
  if (matching.length === 1) return matching[0]!.id;
  throw refuse(
    `Playmaker cannot tell which workspace @${domain} addresses belong to. Ask an administrator to add you.`,
  );
}
