import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { segments } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { queryRows } from '../db/rows.ts';
import type { SegmentOut } from './schema.ts';

export async function loadSegment(db: DbOrTx, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(segments)
    .where(and(eq(segments.id, id), eq(segments.workspaceId, workspaceId)));
  if (!row) throw errors.notFound('Segment');
  return row;
}

export function toSegmentOut(row: typeof segments.$inferSelect): SegmentOut {
  return {
    id: row.id,
    name: row.name,
    subject: row.subject,
    criteria: row.criteria,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Segments and plays whose criteria mention a segment id (live `in_segment` references). */
export async function segmentReferences(
  db: DbOrTx,
  workspaceId: string,
  id: string,
): Promise<string[]> {
  const needle = `"${id}"`;
  const rows = await queryRows<{ name: string }>(
    db,
    sql`
    select name from segments where workspace_id = ${workspaceId} and id <> ${id} and strpos(criteria::text, ${needle}) > 0
    union all
    select name from plays where workspace_id = ${workspaceId} and (strpos(coalesce(criteria::text, ''), ${needle}) > 0 or strpos(coalesce(goal_criteria::text, ''), ${needle}) > 0)`,
  );
  return rows.map((r) => r.name);
}
