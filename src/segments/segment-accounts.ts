import { sql, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { compileCriteria } from './compile.ts';
import { loadSegment } from './queries.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';

/**
 * The account ids of a segment's records, as a subquery for task filters (a contact segment selects
 * its contacts' accounts). Evaluated live, like Segment → Work.
 */
export async function segmentAccountIdsSql(
  deps: Deps,
  actor: Actor,
  segmentId: string,
): Promise<SQL> {
  const seg = await loadSegment(deps.db, actor.workspaceId, segmentId);
  const { today, now } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const cond = await compileCriteria(deps.db, actor.workspaceId, seg.subject, seg.criteria, {
    today,
    now,
    viewer: actor,
  });
  return seg.subject === 'accounts'
    ? sql`select a.id from accounts a where a.workspace_id = ${actor.workspaceId} and ${cond}`
    : sql`select c.account_id from contacts c join accounts a on a.id = c.account_id where c.workspace_id = ${actor.workspaceId} and ${cond}`;
}
