import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { sessions, users } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { revokeAllApiTokensOf } from '../auth/tokens.ts';
import { errors } from '../http/errors.ts';
import { registeredHandovers } from './handovers.ts';
import { enabledAdminsOtherThan, loadUser, lockWorkspace, userDetail } from './queries.ts';

const RECEIVER = 'body.transferToUserId';

/**
 * Disables a user and hands their private resources to `transferTo`, all in ONE transaction:
 * enabled=false, every session deleted and every API token revoked (so re-enabling revives neither),
 * then each registered handover (open tasks, account roles, plays, and whatever other modules registered).
 */
export async function disableUser(
  deps: Deps,
  actor: Actor,
  id: string,
  transferTo: string | undefined,
) {
  requireRole(actor, 'admin');
  const ws = actor.workspaceId;
  if (id === actor.userId)
    throw errors.unprocessable('You cannot disable yourself; ask another admin.');
  if (!transferTo)
    throw errors.field(RECEIVER, 'Choose who receives this user’s open tasks and other resources.');
  return deps.db.transaction(async (tx) => {
    await lockWorkspace(tx, ws);
    const user = await loadUser(tx, ws, id);
    if (!user.enabled) throw errors.conflict('This user is already disabled.');
    if (transferTo === id)
      throw errors.field(
        RECEIVER,
        'The receiver must be someone other than the user being disabled.',
      );
    const [receiver] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, transferTo), eq(users.workspaceId, ws)));
    if (!receiver) throw errors.field(RECEIVER, 'No such user in this workspace.');
    if (!receiver.enabled)
      throw errors.field(RECEIVER, `${receiver.name} is disabled and cannot receive resources.`);
    if (user.role === 'admin' && (await enabledAdminsOtherThan(tx, ws, id)) === 0) {
      throw errors.unprocessable('This is the last enabled admin; make someone else admin first.');
    }
    const now = deps.clock.now();
    const [disabled] = await tx
      .update(users)
      .set({ enabled: false })
      .where(eq(users.id, id))
      .returning();
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await revokeAllApiTokensOf(tx, id, now);
    const handover: Record<string, number> = {};
    const report: string[] = [];
    const ctx = {
      tx,
      deps,
      actor,
      workspaceId: ws,
      now,
      from: { id: user.id, name: user.name },
      to: {
        id: receiver.id,
        name: receiver.name,
        email: receiver.email,
        emailNotifications: receiver.emailNotifications,
        role: receiver.role,
      },
    };
    for (const h of registeredHandovers()) {
      const counts = await h.run(ctx);
      Object.assign(handover, counts);
      report.push(...h.describe(counts, receiver.name));
    }
    await recordAudit(
      tx,
      actor,
      {
        kind: 'user.disabled',
        target: { type: 'user', id, name: user.name },
        changes: { transferTo: { id: receiver.id, name: receiver.name }, handover },
      },
      now,
    );
    return { user: await userDetail(tx, disabled!), handover, report };
  });
}
