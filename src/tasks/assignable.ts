import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { accountRoleHolders, accountRoles, contacts, users } from '../db/schema/index.ts';
import { loadVisibleAccount } from '../auth/access.ts';
import { contactName } from './assignee.ts';

/** Contacts offered per account: the picker searches within them; more is a lookup, not a list. */
const CONTACT_LIMIT = 500;

export const assignableOut = z.object({
  users: z.array(z.object({ id: z.uuid(), name: z.string(), admin: z.boolean() })),
  roles: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      holder: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    }),
  ),
  contacts: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable() })),
});
export type Assignable = z.infer<typeof assignableOut>;

/**
 * Who a task on this account can be given to (SPEC §2 Assignee), in the order pickers offer them:
 * enabled users who can see the account (members of its teams, and admins), then the account roles
 * with the user holding each here (a role nobody holds cannot take a task), then the account's contacts.
 * The same rules as `resolveAssignee`, so everything offered is accepted.
 */
export async function listAssignable(
  deps: Deps,
  actor: Actor,
  accountId: string,
): Promise<Assignable> {
  const account = await loadVisibleAccount(deps.db, actor, accountId);
  const ws = actor.workspaceId;
  const people = await deps.db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.workspaceId, ws),
        eq(users.enabled, true),
        sql`(${users.role} = 'admin' or exists (select 1 from team_members tm
          join account_teams at on at.team_id = tm.team_id
          where tm.user_id = ${users.id} and at.account_id = ${account.id}))`,
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
  const roles = await deps.db
    .select({
      id: accountRoles.id,
      name: accountRoles.name,
      holderId: users.id,
      holderName: users.name,
    })
    .from(accountRoles)
    .leftJoin(
      accountRoleHolders,
      and(
        eq(accountRoleHolders.roleId, accountRoles.id),
        eq(accountRoleHolders.accountId, account.id),
      ),
    )
    .leftJoin(users, eq(users.id, accountRoleHolders.userId))
    .where(eq(accountRoles.workspaceId, ws))
    .orderBy(asc(accountRoles.name), asc(accountRoles.id));
  const accountContacts = await deps.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ws), eq(contacts.accountId, account.id)))
    .orderBy(asc(contacts.lastName), asc(contacts.firstName), asc(contacts.id))
    .limit(CONTACT_LIMIT);
  return {
    users: people.map((u) => ({ id: u.id, name: u.name, admin: u.role === 'admin' })),
    roles: roles.map((r) => ({
      id: r.id,
      name: r.name,
      holder: r.holderId ? { id: r.holderId, name: r.holderName ?? '' } : null,
    })),
    contacts: accountContacts.map((c) => ({ id: c.id, name: contactName(c), email: c.email })),
  };
}
