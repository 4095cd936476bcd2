import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { createPlay } from '../plays/manage-plays.ts';
import { enablePlay } from '../plays/enable-play.ts';
import { playInputSchema } from '../plays/schema.ts';
import { settleEngine } from '../plays/settle-engine.ts';
import { completeTask } from '../tasks/complete-task.ts';

type Assignee = { type: 'role'; roleId: string };

/** The ONTRAPORT-style call campaign (SPEC §13): a call with outcomes, a wait, a branch per outcome. */
const callCampaign = (flowId: string, assignee: Assignee) => {
  const task = (title: string, over: Record<string, unknown> = {}) => ({
    type: 'create_task',
    title,
    description: '<p>Welcome them and agree the first milestone.</p>',
    dueInDays: 2,
    dueUnit: 'working_days',
    flowId,
    assignee,
    ...over,
  });
  const outcome = (o: string) => ({ kind: 'task_completed', stepId: 'call', outcomes: [o] });
  return [
    {
      id: 'call',
      name: 'Welcome call',
      type: 'action',
      action: task('Welcome call with {{contact.first_name}}', {
        outcomes: ['Interested', 'Left a message', 'Not interested'],
      }),
    },
    {
      id: 'answer',
      name: 'Wait for the call',
      type: 'wait_until',
      until: { kind: 'task_completed', stepId: 'call' },
      limit: { n: 14, unit: 'days' },
      onTimeout: [{ id: 'stale', type: 'action', action: { type: 'add_tag', tag: 'no-answer' } }],
    },
    {
      id: 'outcome',
      name: 'What did they say?',
      type: 'branch',
      paths: [
        {
          id: 'interested',
          label: 'Interested',
          when: outcome('Interested'),
          steps: [
            {
              id: 'mail',
              name: 'Send the welcome pack',
              type: 'action',
              action: {
                type: 'send_email',
                subject: 'Welcome aboard, {{contact.first_name}}',
                body: 'Great talking to you, {{contact.first_name}}. Here is your welcome pack.',
              },
            },
            {
              id: 'week',
              name: 'Give them a week',
              type: 'wait',
              duration: { n: 7, unit: 'days' },
            },
            {
              id: 'training',
              name: 'Book the training',
              type: 'action',
              action: task('Book the training with {{contact.first_name}}'),
            },
          ],
        },
        {
          id: 'message',
          label: 'Left a message',
          when: outcome('Left a message'),
          steps: [
            {
              id: 'pause',
              name: 'Wait 2 working days',
              type: 'wait',
              duration: { n: 2, unit: 'working_days' },
            },
            { id: 'again', name: 'Call again', type: 'go_to', target: 'call', maxVisits: 3 },
          ],
        },
        {
          id: 'no',
          label: 'Not interested',
          when: outcome('Not interested'),
          steps: [
            {
              id: 'tag-no',
              name: 'Tag them',
              type: 'action',
              action: { type: 'add_tag', tag: 'not-interested' },
            },
            { id: 'bye', type: 'end' },
          ],
        },
      ],
      otherwise: [],
    },
  ];
};

/**
 * The journey play, enabled on the onboarding contacts of the largest accounts (ARR ≥ 1.2M); three welcome calls
 * are completed with different outcomes, so people stand at different steps on first start.
 */
export async function seedJourney(
  deps: Deps,
  admin: Actor,
  name: string,
  flowId: string,
  assignee: Assignee,
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
  const outcomes = ['Interested', 'Left a message', 'Not interested'];
  for (const [i, call] of calls.slice(0, outcomes.length).entries())
    await completeTask(deps, admin, call.id, { outcome: outcomes[i] });
  await settleEngine(deps);
}
