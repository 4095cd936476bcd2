import type { Actor, Deps } from '../context.ts';
import { teams } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { assertNameFree, duplicateName } from '../workspaces/unique-name.ts';
import { describeTeam, replaceMembers, teamNames } from './queries.ts';

export async function createTeam(deps: Deps, actor: Actor, input: { name: string; memberIds?: string[] }) {
  requireRole(actor, 'admin');
  try {
    return await deps.db.transaction(async (tx) => {
      await assertNameFree(tx, teamNames, actor.workspaceId, input.name);
      const [row] = await tx.insert(teams).values({ workspaceId: actor.workspaceId, name: input.name }).returning();
      if (input.memberIds?.length) await replaceMembers(tx, actor.workspaceId, row!.id, input.memberIds, 'body.memberIds');
      return describeTeam(tx, actor, row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName('team', input.name);
    throw err;
  }
}
