// The ONTRAPORT-style call campaign (SPEC §13) as journey steps: the demo's onboarding journey and
// the journey tests build the same campaign from here.
import type { AssigneeRule } from '../../assignment/rule.ts';

/** The call's outcomes, in the order the campaign's branch lists their paths. */
export const callOutcomes = ['Interested', 'Left a message', 'Not interested'] as const;

/**
 * A welcome call with outcomes, a wait for it (at most 14 days, then the tag "no-answer") and a
 * branch per outcome: interested → e-mail, a week, book the training; left a message → two working
 * days and call again (three calls at most, then the tag "unreachable"); not interested → tag, end.
 * Steps as a play's `steps` input (validated when the play is saved).
 */
export function callCampaign(flowId: string, assignee: AssigneeRule) {
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
  const outcome = (o: (typeof callOutcomes)[number]) => ({
    kind: 'task_completed',
    stepId: 'call',
    outcomes: [o],
  });
  return [
    {
      id: 'call',
      name: 'Welcome call',
      type: 'action',
      action: task('Welcome call with {{contact.first_name}}', { outcomes: [...callOutcomes] }),
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
            { id: 'unreachable', type: 'action', action: { type: 'add_tag', tag: 'unreachable' } },
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
}
