import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { fieldChanges, updateRecord } from '../accounts/update-record.ts';
import { checkContactAccount } from './queries.ts';
import type { UpdateContactInput } from './schema.ts';

/** Edits a contact on an account the caller can see, refusing stale writes. Returns the new version. */
export async function updateContact(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateContactInput,
  expected: number,
): Promise<number> {
  const ws = actor.workspaceId;
  return updateRecord(
    deps,
    actor,
    'contact',
    id,
    {
      fields: {
        externalId: input.externalId,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        phone: input.phone,
        accountId: input.accountId,
        tags: input.tags,
      },
      attributes: input.attributes,
    },
    expected,
    {
      async beforeWrite(tx, _current, set) {
        if (!set.accountId) return;
        await checkContactAccount(tx, actor, set.accountId);
        // An open task's contact assignee must be a contact of the task's account (SPEC §2).
        const [assigned] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(tasks)
          .where(
            and(
              eq(tasks.workspaceId, ws),
              eq(tasks.assigneeContactId, id),
              eq(tasks.status, 'open'),
            ),
          );
        if (Number(assigned?.n ?? 0) > 0)
          throw errors.conflict(
            `This contact is the assignee of ${assigned!.n} open task(s) on its account; reassign them before moving it.`,
          );
      },
      accountIdOf: (current, set) => set.accountId ?? current.accountId,
      payload: (current, set) => (set.accountId ? { fromAccountId: current.accountId } : {}),
      timeline: (current, set, fields) => ({
        workspaceId: ws,
        accountId: set.accountId ?? current.accountId,
        actorId: actor.userId,
        type: 'contact_updated',
        payload: {
          contactId: id,
          name: `${set.firstName ?? current.firstName} ${set.lastName ?? current.lastName}`.trim(),
          fields,
          changes: fieldChanges(current, set, fields),
        },
      }),
    },
  );
}
