import type { Actor, Deps } from '../context.ts';
import { describeRoles, listRoleRows } from './queries.ts';

/** The workspace's account role definitions (few by nature, so one page). */
export async function listAccountRoles(deps: Deps, actor: Actor) {
  return {
    data: await describeRoles(deps.db, await listRoleRows(deps.db, actor.workspaceId)),
    nextCursor: null,
  };
}
