import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { accountTeams } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { checkParent, checkTeams, lockHierarchy } from './hierarchy.ts';
import { sameSet } from './attribute-changes.ts';
import { fieldChanges, updateRecord } from './update-record.ts';
import type { UpdateAccountInput } from './schema.ts';

/**
 * Edits an account the caller can see, refusing stale writes (`expected` ≠ current version).
 * Standard users may edit accounts of their teams; changing the team set needs advanced.
 * A request that changes nothing bumps nothing. Returns the new version.
 */
export async function updateAccount(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateAccountInput,
  expected: number,
): Promise<number> {
  if (input.teams !== undefined) requireRole(actor, 'advanced');
  const ws = actor.workspaceId;
  return updateRecord(
    deps,
    actor,
    'account',
    id,
    {
      fields: {
        name: input.name,
        externalId: input.externalId,
        lifecycleStage: input.lifecycleStage,
        accountType: input.accountType,
        tags: input.tags,
        parentId: input.parentId,
      },
      attributes: input.attributes,
    },
    expected,
    {
      async beforeWrite(tx, _current, set, changed) {
        if (set.parentId) {
          await lockHierarchy(tx, ws);
          await checkParent(tx, actor, id, set.parentId);
        }
        if (!input.teams) return;
        const teamIds = await checkTeams(tx, ws, input.teams);
        const have = (
          await tx
            .select({ teamId: accountTeams.teamId })
            .from(accountTeams)
            .where(eq(accountTeams.accountId, id))
        ).map((r) => r.teamId);
        if (sameSet(teamIds, have)) return;
        await tx.delete(accountTeams).where(eq(accountTeams.accountId, id));
        if (teamIds.length)
          await tx
            .insert(accountTeams)
            .values(teamIds.map((teamId) => ({ workspaceId: ws, accountId: id, teamId })));
        changed.push('teams');
      },
      accountIdOf: () => id,
      timeline: (current, set, fields) => ({
        workspaceId: ws,
        accountId: id,
        actorId: actor.userId,
        type: 'account_updated',
        payload: {
          fields,
          changes: fieldChanges(
            current,
            set,
            fields.filter((f) => f !== 'teams'),
          ),
        },
      }),
    },
  );
}
