import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { flows } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { isForeignKeyViolation } from '../workspaces/db-errors.ts';
import { describeFlows, loadFlow } from './queries.ts';

const inUse = (what: string) =>
  errors.conflict(`This flow is used by ${what}; it cannot be deleted (rename it instead).`);

/** Deletes an unused flow. Every task has a flow (SPEC §1), so a flow with tasks stays. */
export async function deleteFlow(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'advanced');
  try {
    await deps.db.transaction(async (tx) => {
      const [flow] = await describeFlows(tx, actor, [await loadFlow(tx, actor.workspaceId, id)]);
      if (flow!.taskCount > 0) throw inUse(`${flow!.taskCount} task(s)`);
      await tx.delete(flows).where(and(eq(flows.id, id), eq(flows.workspaceId, actor.workspaceId)));
      await recordAudit(
        tx,
        actor,
        { kind: 'flow.deleted', target: { type: 'flow', id, name: flow!.name }, changes: {} },
        deps.clock.now(),
      );
    });
  } catch (err) {
    // Touchpoints, templates or plays may also reference the flow; the foreign key has the last word.
    if (isForeignKeyViolation(err)) throw inUse('other records');
    throw err;
  }
}
