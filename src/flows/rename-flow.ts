import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { diffOf } from '../audit/events.ts';
import { flows } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { assertNameFree, duplicateName } from '../workspaces/unique-name.ts';
import { describeFlows, flowNames, loadFlow } from './queries.ts';

/** Renames a flow; tasks refer to it by id, so they follow. */
export async function renameFlow(deps: Deps, actor: Actor, id: string, input: { name: string }) {
  requireRole(actor, 'advanced');
  try {
    return await deps.db.transaction(async (tx) => {
      const before = await loadFlow(tx, actor.workspaceId, id);
      await assertNameFree(tx, flowNames, actor.workspaceId, input.name, id);
      const [row] = await tx
        .update(flows)
        .set({ name: input.name })
        .where(eq(flows.id, id))
        .returning();
      await recordAudit(
        tx,
        actor,
        {
          kind: 'flow.renamed',
          target: { type: 'flow', id, name: row!.name },
          changes: diffOf(before, row!, ['name']),
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
