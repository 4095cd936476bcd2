import type { Actor, Deps } from '../context.ts';
import { describeFlows, listFlowRows } from './queries.ts';

/** The workspace's flows (categories of work: Onboarding, Renewal…); few by nature, so one page. */
export async function listFlows(deps: Deps, actor: Actor) {
  return {
    data: await describeFlows(deps.db, actor, await listFlowRows(deps.db, actor.workspaceId)),
    nextCursor: null,
  };
}
