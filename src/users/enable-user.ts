import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { users } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { loadUser, userDetail } from './queries.ts';

/** Re-enables a user; their old sessions and API tokens were ended at disable time, so they sign in again and mint new tokens. */
export async function enableUser(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'admin');
  return deps.db.transaction(async (tx) => {
    const row = await loadUser(tx, actor.workspaceId, id);
    if (row.enabled) return userDetail(tx, row);
    const [updated] = await tx
      .update(users)
      .set({ enabled: true })
      .where(and(eq(users.id, id), eq(users.workspaceId, actor.workspaceId)))
      .returning();
    await recordAudit(
      tx,
      actor,
      { kind: 'user.enabled', target: { type: 'user', id, name: row.name }, changes: {} },
      deps.clock.now(),
    );
    return userDetail(tx, updated!);
  });
}
