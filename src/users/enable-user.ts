import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { users } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { loadUser, userDetail } from './queries.ts';

/** Re-enables a user; their old sessions and API tokens were ended at disable time, so they sign in again and mint new tokens. */
export async function enableUser(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'admin');
  const row = await loadUser(deps.db, actor.workspaceId, id);
  const [updated] = row.enabled ? [row]
    : await deps.db.update(users).set({ enabled: true }).where(and(eq(users.id, id), eq(users.workspaceId, actor.workspaceId))).returning();
  return userDetail(deps.db, updated!);
}
