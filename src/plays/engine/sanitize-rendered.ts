import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { sanitizeRichText } from '../../tasks/rich-text.ts';

/**
 * Sanitizes descriptions the firing statement rendered in SQL (as applying a template by hand does),
 * for templates with merge fields inside tags: the rows come back from that same statement, are
 * cleaned here and only those that change are written back, in one statement per chunk.
 */
export async function sanitizeRenderedDescriptions(
  tx: DbOrTx,
  rendered: Array<{ id: string; d: string }>,
): Promise<void> {
  const changed = rendered
    .map((r) => ({ id: r.id, d: sanitizeRichText(r.d) }))
    .filter((r, i) => r.d !== rendered[i]!.d);
  if (changed.length === 0) return;
  await tx.execute(sql`update tasks t set description = v.d
    from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) as v(id uuid, d text) where t.id = v.id`);
}
