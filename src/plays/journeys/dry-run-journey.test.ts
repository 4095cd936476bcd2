// The dry run of a journey play (issue 11 item 7): per record, the path it would take now, in words,
// driven through the API as a play builder would.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contacts } from '../../db/schema/index.ts';
import { bearer } from '../../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../test-setup.ts';
import { callCampaign } from './ontraport-campaign.ts';

type PathStep = { stepId: string; type: string; text: string; detail: Record<string, unknown> };
type RecordPath = {
  recordId: string;
  recordName: string | null;
  heldOut: boolean;
  path: PathStep[];
  stoppedAt: string | null;
};

describe('journeys: the dry run shows each record’s path', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const api = (method: 'POST', url: string, payload?: object, token?: string) =>
    p.t.app.inject({
      method,
      url,
      headers: bearer(token ?? p.w.tokens.advanced),
      ...(payload ? { payload } : {}),
    });
  const dryRun = async (play: Record<string, unknown>) => {
    const created = await api('POST', '/api/v1/plays', {
      description: 'A journey',
      trigger: { type: 'enter' },
      actions: [],
      ...play,
    });
    assert.equal(created.statusCode, 201, created.body);
    const dry = await api('POST', `/api/v1/plays/${created.json().id}/dry-run`);
    assert.equal(dry.statusCode, 200, dry.body);
    return dry.json() as { targets: number; journeys: RecordPath[] };
  };

  it('the call-the-lead campaign: the call task for each lead, then it waits for the call', async () => {
    const [acc] = await p.newAccounts(1, {}, { name: 'Initech' });
    await p.t.deps.db.insert(contacts).values(
      ['Ann', 'Bob'].map((first, i) => ({
        workspaceId: p.ws,
        accountId: acc!.id,
        externalId: `dry-lead-${i}`,
        firstName: first,
        lastName: 'Lead',
        email: `${first.toLowerCase()}@initech.test`,
        attributes: { nps: 1 },
      })),
    );
    const dry = await dryRun({
      name: 'Call the lead',
      subject: 'contacts',
      criteria: { kind: 'compare', field: 'attributes.nps', op: 'lte', value: 3 },
      steps: callCampaign(p.w.flow.id, { type: 'user', userId: p.w.users.standard.id }),
    });
    assert.equal(dry.targets, 2);
    assert.deepEqual(dry.journeys.map((r) => r.recordName).sort(), ['Ann Lead', 'Bob Lead']);
    for (const r of dry.journeys) {
      const first = r.recordName!.split(' ')[0];
      assert.equal(r.heldOut, false);
      assert.deepEqual(
        r.path.map((s) => s.stepId),
        ['call', 'answer'],
      );
      assert.equal(
        r.path[0]!.text,
        `Creates the task "Welcome call with ${first}" for ${p.w.users.standard.name}, due 2026-03-04`,
      );
      assert.equal(
        r.path[1]!.text,
        'Waits until "Welcome call" is completed, at most until 2026-03-16; then "What did they say?"; if time runs out, add the tag "no-answer"',
      );
      assert.equal(r.stoppedAt, 'answer');
    }
  });

  it('a criteria branch first: records on each side take different paths; a wait in working days skips a holiday', async () => {
    const holiday = await api(
      'POST',
      '/api/v1/holidays',
      { calendar: 'default', date: '2026-03-03', name: 'Company day' },
      p.w.tokens.admin,
    );
    assert.equal(holiday.statusCode, 201, holiday.body);
    const [big] = await p.newAccounts(1, { arr: 90_000, health: 'amber' }, { name: 'Big Co' });
    const [small] = await p.newAccounts(1, { arr: 5_000, health: 'amber' }, { name: 'Small Co' });
    const dry = await dryRun({
      name: 'Amber accounts',
      subject: 'accounts',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'amber' },
      steps: [
        {
          id: 'size',
          type: 'branch',
          paths: [
            {
              id: 'ent',
              label: 'Enterprise',
              when: {
                kind: 'criteria',
                criteria: { kind: 'compare', field: 'attributes.arr', op: 'gte', value: 50_000 },
              },
              steps: [{ id: 'vip', type: 'action', action: { type: 'add_tag', tag: 'vip' } }],
            },
          ],
          otherwise: [
            { id: 'pause', type: 'wait', duration: { n: 2, unit: 'working_days' } },
            { id: 'bye', type: 'end' },
          ],
        },
        { id: 'done', type: 'action', action: { type: 'add_tag', tag: 'reviewed' } },
      ],
    });
    const path = (id: string) => dry.journeys.find((r) => r.recordId === id)!;
    assert.deepEqual(
      path(big!.id).path.map((s) => s.text),
      ['Takes the path "Enterprise"', 'Add the tag "vip"', 'Add the tag "reviewed"'],
    );
    assert.equal(path(big!.id).stoppedAt, null);
    // Monday 2 March 09:00 + 2 working days with Tuesday off: Thursday.
    assert.deepEqual(
      path(small!.id).path.map((s) => s.text),
      ['Takes the path "Otherwise"', 'Waits 2 working days, until 2026-03-05', 'Reaches the end'],
    );
  });

  it('held-out records say so and take no step; the others get their path', async () => {
    const accs = await p.newAccounts(20, { health: 'grey' });
    const dry = await dryRun({
      name: 'Grey accounts',
      subject: 'accounts',
      holdoutPercent: 50,
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'grey' },
      steps: [{ id: 'look', type: 'action', action: { type: 'add_tag', tag: 'looked-at' } }],
    });
    assert.equal(dry.targets, 20);
    assert.deepEqual(dry.journeys.map((r) => r.recordId).sort(), accs.map((a) => a.id).sort());
    const held = dry.journeys.filter((r) => r.heldOut);
    // 50 % of 20 records by a hash of the ids: all or none is a one-in-a-million chance.
    assert.ok(held.length > 0 && held.length < 20, `${held.length} held out`);
    for (const r of held) assert.deepEqual(r.path, []);
    for (const r of dry.journeys.filter((x) => !x.heldOut))
      assert.deepEqual(
        r.path.map((s) => s.text),
        ['Add the tag "looked-at"'],
      );
  });

  it("a branch on an earlier task's outcome: the path waits there and lists the possible paths", async () => {
    const [acc] = await p.newAccounts(1, { health: 'blue' }, { name: 'Blue Co' });
    const dry = await dryRun({
      name: 'Blue accounts',
      subject: 'accounts',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'blue' },
      steps: [
        {
          id: 'check',
          name: 'Check in',
          type: 'action',
          action: {
            type: 'create_task',
            title: 'Check in with {{account.name}}',
            description: 'Hi',
            dueInDays: 2,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
            outcomes: ['Happy', 'Unhappy'],
          },
        },
        {
          id: 'mood',
          type: 'branch',
          paths: [
            {
              id: 'happy',
              label: 'Happy',
              when: { kind: 'task_completed', stepId: 'check', outcomes: ['Happy'] },
              steps: [{ id: 'thanks', type: 'action', action: { type: 'add_tag', tag: 'happy' } }],
            },
          ],
          otherwise: [],
        },
      ],
    });
    const [r] = dry.journeys;
    assert.equal(r!.recordId, acc!.id);
    assert.deepEqual(
      r!.path.map((s) => s.text),
      [
        `Creates the task "Check in with Blue Co" for ${p.w.users.standard.name}, due 2026-03-04`,
        'Takes the path the task\'s outcome decides: "Happy", "Otherwise"',
      ],
    );
    assert.equal(r!.stoppedAt, 'mood');
  });
});
