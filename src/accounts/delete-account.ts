import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { accounts, attachments, contacts, tasks } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { recordChanges, type Change } from '../events/record-change.ts';
import { errors } from '../http/errors.ts';

/**
 * Deletes an account (admin only) with its contacts and tasks. Children become top-level accounts
 * (a version bump each). Every removed or changed record gets its change event, so the play engine
 * sees contacts and tasks disappear too. `expected` (If-Match) is honoured when sent. The account's
 * attachment files are removed from the store once the deletion has committed.
 */
export async function deleteAccount(
  deps: Deps,
  actor: Actor,
  id: string,
  expected: number | null,
): Promise<void> {
  requireRole(actor, 'admin');
  const ws = actor.workspaceId;
  const storageKeys = await deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ version: accounts.version })
      .from(accounts)
      .where(and(eq(accounts.id, id), eq(accounts.workspaceId, ws)))
      .for('update');
    if (!current) throw errors.notFound('Account');
    if (expected !== null && expected !== current.version)
      throw errors.versionConflict(current.version);
    const now = deps.clock.now();
    const children = await tx
      .update(accounts)
      .set({ parentId: null, version: sql`${accounts.version} + 1`, updatedAt: now })
      .where(and(eq(accounts.parentId, id), eq(accounts.workspaceId, ws)))
      .returning({ id: accounts.id });
    // Tasks first: a task assigned to one of these contacts must not see its assignee nulled.
    const goneTasks = await tx
      .delete(tasks)
      .where(eq(tasks.accountId, id))
      .returning({ id: tasks.id });
    const gone = await tx
      .delete(contacts)
      .where(eq(contacts.accountId, id))
      .returning({ id: contacts.id });
    // Attachment rows go with the account (cascade); their bytes must not stay behind on disk.
    const files = await tx
      .delete(attachments)
      .where(eq(attachments.accountId, id))
      .returning({ storageKey: attachments.storageKey });
    await tx.delete(accounts).where(eq(accounts.id, id));
    const changes: Change[] = [
      ...children.map((c): Change => ({
        workspaceId: ws,
        entity: 'account',
        entityId: c.id,
        accountId: c.id,
        kind: 'updated',
        payload: { changed: ['parentId'], actorId: actor.userId },
      })),
      ...gone.map((c): Change => ({
        workspaceId: ws,
        entity: 'contact',
        entityId: c.id,
        accountId: id,
        kind: 'deleted',
        payload: { actorId: actor.userId },
      })),
      ...goneTasks.map((t): Change => ({
        workspaceId: ws,
        entity: 'task',
        entityId: t.id,
        accountId: id,
        kind: 'deleted',
        payload: { actorId: actor.userId },
      })),
      {
        workspaceId: ws,
        entity: 'account',
        entityId: id,
        accountId: id,
        kind: 'deleted',
        payload: { actorId: actor.userId },
      },
    ];
    await recordChanges(tx, changes);
    return files.map((f) => f.storageKey);
  });
  // Best effort: the deletion has committed, so a file the store cannot remove must not turn it into a 500.
  for (const key of storageKeys) await deps.files.remove(key).catch(() => undefined);
}
