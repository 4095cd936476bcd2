import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { contacts, tasks } from '../db/schema/index.ts';
import { accountVisible, requireRole } from '../auth/access.ts';
import { recordChange } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors } from '../http/errors.ts';

/**
 * Deletes a contact (advanced or admin, on an account they can see). A contact that is the
 * assignee of tasks is refused (409): those tasks must be reassigned first, since a task always
 * has exactly one assignee.
 */
export async function deleteContact(
  deps: Deps,
  actor: Actor,
  id: string,
  expected: number | null,
): Promise<void> {
  requireRole(actor, 'advanced');
  await deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        accountId: contacts.accountId,
        version: contacts.version,
        firstName: contacts.firstName,
        lastName: contacts.lastName,
      })
      .from(contacts)
      .where(
        and(
          eq(contacts.id, id),
          eq(contacts.workspaceId, actor.workspaceId),
          accountVisible(actor, contacts.accountId),
        ),
      )
      .for('update');
    if (!current) throw errors.notFound('Contact');
    if (expected !== null && expected !== current.version)
      throw errors.versionConflict(current.version);
    const [assigned] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(tasks)
      .where(eq(tasks.assigneeContactId, id));
    if (Number(assigned?.n ?? 0) > 0)
      throw errors.conflict(
        `This contact is the assignee of ${assigned!.n} task(s); reassign them first.`,
      );
    await tx.delete(contacts).where(eq(contacts.id, id));
    await recordChange(tx, {
      workspaceId: actor.workspaceId,
      entity: 'contact',
      entityId: id,
      accountId: current.accountId,
      kind: 'deleted',
      payload: { actorId: actor.userId },
    });
    await recordTimeline(tx, {
      workspaceId: actor.workspaceId,
      accountId: current.accountId,
      actorId: actor.userId,
      type: 'contact_deleted',
      payload: { contactId: id, name: `${current.firstName} ${current.lastName}`.trim() },
      at: deps.clock.now(),
    });
  });
}
