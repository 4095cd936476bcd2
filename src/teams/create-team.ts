import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { teams } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { assertNameFree, duplicateName } from '../workspaces/unique-name.ts';
import { describeTeam, replaceMembers, teamNames } from './queries.ts';

export async function createTeam(
  deps: Deps,
  actor: Actor,
  input: { name: string; memberIds?: string[] },
) {
  requireRole(actor, 'admin');
  try {
    return await deps.db.transaction(async (tx) => {
      await assertNameFree(tx, teamNames, actor.workspaceId, input.name);
      const [row] = await tx
        .insert(teams)
        .values({ workspaceId: actor.workspaceId, name: input.name })
        .returning();
      if (input.memberIds?.length)
        await replaceMembers(tx, actor.workspaceId, row!.id, input.memberIds, 'body.memberIds');
      const team = await describeTeam(tx, actor, row!);
      await recordAudit(
        tx,
        actor,
        {
          kind: 'team.created',
          target: { type: 'team', id: row!.id, name: row!.name },
          changes: { name: row!.name, memberIds: team.memberIds },
        },
        deps.clock.now(),
      );
      return team;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName('team', input.name);
    throw err;
  }
}
