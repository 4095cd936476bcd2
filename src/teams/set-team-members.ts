import type { Actor, Deps } from '../context.ts';
import { requireRole } from '../auth/access.ts';
import { describeTeam, loadTeam, replaceMembers } from './queries.ts';

/** Replaces the member list; membership decides which accounts non-admins see. */
export async function setTeamMembers(deps: Deps, actor: Actor, id: string, input: { userIds: string[] }) {
  requireRole(actor, 'admin');
  return deps.db.transaction(async (tx) => {
    const team = await loadTeam(tx, actor.workspaceId, id);
    await replaceMembers(tx, actor.workspaceId, id, input.userIds, 'body.userIds');
    return describeTeam(tx, actor, team);
  });
}
