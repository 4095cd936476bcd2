// The version diff in words (web/src/features/plays/versions/diff-definitions.ts, pure): what people
// read on the Versions tab when they compare a version with the one in force.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  diffDefinitions,
  type Definition,
} from '../../../web/src/features/plays/versions/diff-definitions.ts';
import { criteriaLines } from '../../../web/src/features/plays/versions/criteria-words.ts';

const call = {
  id: 'call',
  type: 'create_task' as const,
  title: 'Call the lead',
  dueInDays: 3,
  assignee: { type: 'user' as const, userId: 'u1' },
};
const base: Definition = {
  trigger: { type: 'enter' },
  criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
  goalCriteria: null,
  options: { hierarchy: null, contactGrouping: 'per_contact' },
  actions: [call],
  steps: null,
  exitRules: null,
  reentry: null,
  holdoutPercent: 0,
};
const texts = (from: Definition, to: Definition) => diffDefinitions(from, to).map((c) => c.text);

describe('version diff in words', () => {
  it('says nothing for the same definition, whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify({ ...base, actions: [{ ...call }] }));
    assert.deepEqual(texts(base, { ...reordered, holdoutPercent: 0 }), []);
  });

  it('names due dates, titles and actions added or removed', () => {
    assert.deepEqual(texts(base, { ...base, actions: [{ ...call, dueInDays: 5 }] }), [
      "'Call the lead': due in 3 days → 5 days",
    ]);
    assert.deepEqual(
      texts(base, { ...base, actions: [{ ...call, dueInDays: 1, dueUnit: 'working_days' }] }),
      ["'Call the lead': due in 3 days → 1 working day"],
    );
    assert.deepEqual(
      texts(base, {
        ...base,
        actions: [{ ...call, title: 'Visit the lead', assignee: { type: 'role', roleId: 'r' } }],
      }),
      [
        "'Visit the lead': title “Call the lead” → “Visit the lead”",
        "'Visit the lead': assignee changed",
      ],
    );
    const tag = { id: 'tag', type: 'add_tag' as const, tag: 'vip' };
    assert.deepEqual(texts(base, { ...base, actions: [call, tag] }), ["Action 'vip' added"]);
    assert.deepEqual(texts({ ...base, actions: [call, tag] }, base), ["Action 'vip' removed"]);
    assert.deepEqual(texts({ ...base, actions: [call, tag] }, { ...base, actions: [tag, call] }), [
      'Actions reordered',
    ]);
  });

  it('shows criteria before and after as conditions, and the trigger and holdout in words', () => {
    const [change] = diffDefinitions(base, {
      ...base,
      criteria: {
        kind: 'and',
        items: [
          { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'amber' },
          { kind: 'tags', op: 'has', tag: 'vip' },
          { kind: 'compare', field: 'attributes.renewal_date', op: 'within_next_days', days: 30 },
        ],
      },
    });
    assert.equal(change!.text, 'Criteria changed');
    assert.deepEqual(change!.before, ['Health is red']);
    assert.deepEqual(change!.after, [
      'All of these:',
      '  Health is amber',
      '  Has tag vip',
      '  Renewal date is within the next 30 days',
    ]);
    assert.deepEqual(
      texts(base, {
        ...base,
        trigger: { type: 'recurring', recurring: { every: { n: 1, unit: 'weeks' } } },
        holdoutPercent: 10,
      }),
      ['Runs when a record starts meeting the criteria → on a schedule', 'Holdout 0% → 10%'],
    );
  });

  it('names the play and flow a task statistic is limited to, and its period', () => {
    const names = {
      play: (id: string) => ({ p1: 'Renewal push' })[id],
      flow: (id: string) => ({ f1: 'Onboarding' })[id],
    };
    const stat = { kind: 'task_stat' as const, op: 'gte' as const, value: 1 };
    assert.deepEqual(
      criteriaLines(
        {
          kind: 'and',
          items: [
            { ...stat, metric: 'overdue', playId: 'p1' },
            { ...stat, metric: 'completed', flowId: 'f1', periodDays: 30, op: 'lte', value: 2 },
            { ...stat, metric: 'open', playId: 'gone' },
          ],
        },
        names,
      ),
      [
        'All of these:',
        '  Overdue tasks from play Renewal push: at least 1',
        '  Completed tasks in flow Onboarding in the last 30 days: at most 2',
        '  Open tasks from a deleted play: at least 1',
      ],
    );
  });

  it('names journey steps added, removed and changed', () => {
    const wait = {
      id: 'w1',
      type: 'wait',
      name: 'Give them a week',
      duration: { n: 7, unit: 'days' },
    };
    const step = { id: 's1', type: 'action', action: call };
    const from = { ...base, steps: [step, wait] };
    assert.deepEqual(
      texts(from, {
        ...base,
        steps: [
          { ...wait, duration: { n: 5, unit: 'days' } },
          { id: 'e', type: 'end' },
        ],
      }),
      ["Step 'Call the lead' removed", "Step 'Give them a week' changed", "Step 'end' added"],
    );
  });
});
