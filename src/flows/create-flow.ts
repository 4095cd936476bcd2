import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { flows } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { assertNameFree, duplicateName } from '../workspaces/unique-name.ts';
import { describeFlows, flowNames } from './queries.ts';

export async function createFlow(deps: Deps, actor: Actor, input: { name: string }) {
  requireRole(actor, 'advanced');
  try {
    return await deps.db.transaction(async (tx) => {
      await assertNameFree(tx, flowNames, actor.workspaceId, input.name);
      const [row] = await tx
        .insert(flows)
        .values({ workspaceId: actor.workspaceId, name: input.name })
        .returning();
      await recordAudit(
        tx,
        actor,
        {
          kind: 'flow.created',
          target: { type: 'flow', id: row!.id, name: row!.name },
          changes: { name: row!.name },
        },
        deps.clock.now(),
      );
      return (await describeFlows(tx, actor, [row!]))[0]!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName('flow', input.name);
    throw err;
  }
}
