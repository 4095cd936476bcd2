import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { accountRoleHolders, accountRoles, contacts, users } from '../db/schema/index.ts';
import { errors, type ErrorPath } from '../http/errors.ts';

/** Who a task is given to, as the client names it. */
export type AssigneeInput = { userId?: string; contactId?: string; roleId?: string };

/** The public face of an assignee, as shown in lists and timeline events. */
export type AssigneeRef = { type: 'user' | 'contact'; id: string; name: string };

export type ResolvedAssignee = {
  assigneeUserId: string | null;
  assigneeContactId: string | null;
  assigneeRoleId: string | null;
  ref: AssigneeRef;
  /** Set for user assignees: where the assignment e-mail goes and whether they want it. */
  user: { id: string; email: string; name: string; emailNotifications: boolean } | null;
};

export const contactName = (c: { firstName: string; lastName: string }) =>
  `${c.firstName} ${c.lastName}`.trim();

/**
 * Turns {userId} | {contactId} | {roleId} into the task's assignee columns, enforcing SPEC §2: a user
 * must be enabled and able to see the account, a contact must belong to it, a role resolves to its
 * current holder on that account. Problems are validation errors at `<path>.<field>`.
 */
export async function resolveAssignee(
  db: DbOrTx,
  workspaceId: string,
  accountId: string,
  input: AssigneeInput,
  path: ErrorPath = 'body.assignee',
): Promise<ResolvedAssignee> {
  if (input.contactId) {
    const [c] = await db
      .select()
      .from(contacts)
      .where(
        and(
          eq(contacts.id, input.contactId),
          eq(contacts.workspaceId, workspaceId),
          eq(contacts.accountId, accountId),
        ),
      );
    if (!c) throw errors.field(`${path}.contactId`, 'This contact does not belong to the account.');
    return {
      assigneeUserId: null,
      assigneeContactId: c.id,
      assigneeRoleId: null,
      ref: { type: 'contact', id: c.id, name: contactName(c) },
      user: null,
    };
  }
  let userId = input.userId;
  let roleId: string | null = null;
  let field: ErrorPath = `${path}.userId`;
  if (input.roleId) {
    field = `${path}.roleId`;
    const [role] = await db
      .select({ name: accountRoles.name, holder: accountRoleHolders.userId })
      .from(accountRoles)
      .leftJoin(
        accountRoleHolders,
        and(
          eq(accountRoleHolders.roleId, accountRoles.id),
          eq(accountRoleHolders.accountId, accountId),
        ),
      )
      .where(and(eq(accountRoles.id, input.roleId), eq(accountRoles.workspaceId, workspaceId)));
    if (!role) throw errors.field(field, 'No such account role in this workspace.');
    if (!role.holder)
      throw errors.field(
        field,
        `Nobody holds the role "${role.name}" on this account; assign the role first or pick a person.`,
      );
    userId = role.holder;
    roleId = input.roleId;
  }
  if (!userId) throw errors.field(path, 'Choose a user, a contact or a role.');
  const [u] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      enabled: users.enabled,
      role: users.role,
      emailNotifications: users.emailNotifications,
      member: sql<boolean>`exists (select 1 from team_members tm join account_teams at on at.team_id = tm.team_id
      where tm.user_id = ${users.id} and at.account_id = ${accountId})`,
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, workspaceId)));
  if (!u) throw errors.field(field, 'No such user in this workspace.');
  if (!u.enabled) throw errors.field(field, `${u.name} is disabled and cannot be given tasks.`);
  if (u.role !== 'admin' && !u.member)
    throw errors.field(field, `${u.name} has no access to this account (not in any of its teams).`);
  return {
    assigneeUserId: u.id,
    assigneeContactId: null,
    assigneeRoleId: roleId,
    ref: { type: 'user', id: u.id, name: u.name },
    user: { id: u.id, email: u.email, name: u.name, emailNotifications: u.emailNotifications },
  };
}

/** Names a task's current assignee (for the "previous assignee" of a reassignment). */
export async function describeAssignee(
  db: DbOrTx,
  t: { assigneeUserId: string | null; assigneeContactId: string | null },
): Promise<AssigneeRef> {
  if (t.assigneeUserId) {
    const [u] = await db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, t.assigneeUserId));
    return { type: 'user', id: t.assigneeUserId, name: u?.name ?? '' };
  }
  if (!t.assigneeContactId) return { type: 'contact', id: '', name: '' };
  const [c] = await db.select().from(contacts).where(eq(contacts.id, t.assigneeContactId));
  return { type: 'contact', id: t.assigneeContactId, name: c ? contactName(c) : '' };
}
