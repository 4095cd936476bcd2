import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { createPlay } from '../plays/manage-plays.ts';
import { enablePlay } from '../plays/enable-play.ts';
import { playInputSchema } from '../plays/schema.ts';
import { settleEngine } from '../plays/settle-engine.ts';
import { completeTask } from '../tasks/complete-task.ts';
import type { AssigneeRule } from '../assignment/rule.ts';
import { callCampaign, callOutcomes } from '../plays/journeys/ontraport-campaign.ts';

/**
 * The journey play, enabled on the onboarding contacts of the largest accounts (ARR ≥ 1.2M); three welcome calls
 * are completed with different outcomes, so people stand at different steps on first start.
 */
export async function seedJourney(
  deps: Deps,
  admin: Actor,
  name: string,
  flowId: string,
  assignee: AssigneeRule,
): Promise<void> {
  const play = await createPlay(
    deps,
    admin,
    playInputSchema.parse({
      name,
      description: 'New customers’ contacts get a welcome call; the outcome decides what follows.',
      subject: 'contacts',
      trigger: { type: 'enter' },
      criteria: {
        kind: 'and',
        items: [
          { kind: 'compare', field: 'account.lifecycle_stage', op: 'eq', value: 'Onboarding' },
          { kind: 'compare', field: 'account.attributes.arr', op: 'gte', value: 1_200_000 },
        ],
      },
      actions: [],
      steps: callCampaign(flowId, assignee),
    }),
  );
  await enablePlay(deps, admin, play.id, { fireNow: true });
  await settleEngine(deps);
  const calls = await deps.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.workspaceId, admin.workspaceId), eq(tasks.playId, play.id)))
    .orderBy(asc(tasks.createdAt), asc(tasks.id));
  for (const [i, call] of calls.slice(0, callOutcomes.length).entries())
    await completeTask(deps, admin, call.id, { outcome: callOutcomes[i] });
  await settleEngine(deps);
}
