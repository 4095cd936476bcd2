import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { contacts, users } from '../db/schema/index.ts';
import { errors, type ErrorDetail, type ErrorPath } from '../http/errors.ts';
import { contactName } from '../tasks/assignee.ts';
import type { PersonRef } from '../timeline/events.ts';

export type ParticipantIds = { contactIds: string[]; userIds: string[] };

/**
 * Names a touchpoint's participants, contacts first: contacts must belong to the account, colleagues
 * must be enabled users of the workspace who can see it (admins, members of its teams — the people
 * `GET /accounts/{id}/assignable` offers). Every stranger is refused at its own path.
 */
export async function resolveParticipants(
  db: DbOrTx,
  workspaceId: string,
  accountId: string,
  ids: ParticipantIds,
  at: (field: string) => ErrorPath,
): Promise<PersonRef[]> {
  const found = ids.contactIds.length
    ? await db
        .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName })
        .from(contacts)
        .where(
          and(
            inArray(contacts.id, ids.contactIds),
            eq(contacts.workspaceId, workspaceId),
            eq(contacts.accountId, accountId),
          ),
        )
    : [];
  const colleagues = ids.userIds.length
    ? await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(
          and(
            inArray(users.id, ids.userIds),
            eq(users.workspaceId, workspaceId),
            eq(users.enabled, true),
            sql`(${users.role} = 'admin' or exists (select 1 from team_members tm
              join account_teams at on at.team_id = tm.team_id
              where tm.user_id = ${users.id} and at.account_id = ${accountId}))`,
          ),
        )
    : [];
  const contactById = new Map(found.map((c) => [c.id, contactName(c)]));
  const userById = new Map(colleagues.map((u) => [u.id, u.name]));
  const bad: ErrorDetail[] = [
    ...ids.contactIds.flatMap((id, i) =>
      contactById.has(id)
        ? []
        : [{ path: at(`participantIds.${i}`), message: 'not a contact of this account' }],
    ),
    ...ids.userIds.flatMap((id, i) =>
      userById.has(id)
        ? []
        : [
            {
              path: at(`userParticipantIds.${i}`),
              message: 'not a colleague who can see this account',
            },
          ],
    ),
  ];
  if (bad.length) throw errors.validation(bad);
  return [
    ...ids.contactIds.map((id) => ({ type: 'contact' as const, id, name: contactById.get(id)! })),
    ...ids.userIds.map((id) => ({ type: 'user' as const, id, name: userById.get(id)! })),
  ];
}
