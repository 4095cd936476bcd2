import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accountVisible } from '../auth/access.ts';
import { flows, tasks } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import type { NamedTable } from '../workspaces/unique-name.ts';

type FlowRow = typeof flows.$inferSelect;

export const flowNames: NamedTable = {
  table: flows,
  id: flows.id,
  workspaceId: flows.workspaceId,
  name: flows.name,
  label: 'flow',
};

export async function loadFlow(db: DbOrTx, workspaceId: string, id: string): Promise<FlowRow> {
  const [row] = await db
    .select()
    .from(flows)
    .where(and(eq(flows.id, id), eq(flows.workspaceId, workspaceId)));
  if (!row) throw errors.notFound('Flow');
  return row;
}

/**
 * Flows with the number of tasks filed under them that the caller can see: deleted tasks and tasks
 * on other teams' accounts are in no count (SPEC §2, §10).
 */
export async function describeFlows(db: DbOrTx, actor: Actor, rows: FlowRow[]) {
  if (rows.length === 0) return [];
  const counts = await db
    .select({ flowId: tasks.flowId, n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, actor.workspaceId),
        inArray(
          tasks.flowId,
          rows.map((r) => r.id),
        ),
        ne(tasks.status, 'deleted'),
        accountVisible(actor, tasks.accountId),
      ),
    )
    .groupBy(tasks.flowId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    taskCount: counts.find((c) => c.flowId === r.id)?.n ?? 0,
  }));
}

export async function listFlowRows(db: DbOrTx, workspaceId: string) {
  return db
    .select()
    .from(flows)
    .where(eq(flows.workspaceId, workspaceId))
    .orderBy(asc(flows.name), asc(flows.id));
}
