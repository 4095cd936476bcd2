import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { diffOf } from '../audit/events.ts';
import { requireRole } from '../auth/access.ts';
import { describeTeam, loadTeam, replaceMembers } from './queries.ts';

/** Replaces the member list; membership decides which accounts non-admins see. */
export async function setTeamMembers(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { userIds: string[] },
) {
  requireRole(actor, 'admin');
  return deps.db.transaction(async (tx) => {
    const team = await loadTeam(tx, actor.workspaceId, id);
    const before = await describeTeam(tx, actor, team);
    await replaceMembers(tx, actor.workspaceId, id, input.userIds, 'body.userIds');
    const after = await describeTeam(tx, actor, team);
    await recordAudit(
      tx,
      actor,
      {
        kind: 'team.members_set',
        target: { type: 'team', id, name: team.name },
        changes: diffOf(
          { memberIds: [...before.memberIds].sort() },
          { memberIds: [...after.memberIds].sort() },
          ['memberIds'],
        ),
      },
      deps.clock.now(),
    );
    return after;
  });
}
