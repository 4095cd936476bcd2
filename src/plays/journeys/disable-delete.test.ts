// What happens to running journeys when their play is disabled or deleted (SPEC §5, §13), from the
// user's side: disabled, they go on to their end until someone removes them all; deleted, each ends
// as "the play was deleted" on the account's timeline and its tasks stay.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { journeys } from '../../db/schema/index.ts';
import { injectAs } from '../../test/fixtures.ts';
import { describeEvent } from '../../timeline/describe-event.ts';
import type { TimelineEvent } from '../../timeline/events.ts';
import { fireRunFor } from '../engine/fire.ts';
import { playWorld, type PlayWorld } from '../test-setup.ts';
import { drainJourneys } from './advance.ts';
import { taskStep } from './test-steps.ts';

describe('journeys of a disabled or deleted play', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const inject = injectAs(() => p.t);
  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, token = p.w.tokens.advanced) =>
    inject(method, url, token);
  const advance = () => drainJourneys(p.t.deps, { fireRunFor });
  /** Call, wait 2 days, call again: enabled, with `n` accounts entering now. */
  async function journeyPlay(health: string, n: number) {
    const play = await p.play(
      {
        name: `Calls ${health}`,
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: health },
        actions: [],
        steps: [
          taskStep(p, 'first', 'First call'),
          {
            id: 'pause',
            type: 'wait',
            duration: { n: 2, unit: 'days' },
            from: { kind: 'previous_step' },
          },
          taskStep(p, 'second', 'Second call'),
        ],
        exitRules: {
          criteria: null,
          leaveWhenTriggerNotMet: false,
          openTasks: { policy: 'cancel' },
        },
      },
      { fireNow: false },
    );
    const accs = await p.newAccounts(n, { health });
    await p.drain();
    return { play, accs };
  }
  const running = async (playId: string) =>
    (await api('GET', `/api/v1/plays/${playId}/journey-steps`)).json().totals.running as number;
  /** The account's journey sentences as the web app shows them (the one describeEvent). */
  const journeyLines = async (accountId: string) =>
    (
      (await api('GET', `/api/v1/accounts/${accountId}/timeline?limit=100`)).json()
        .data as TimelineEvent[]
    )
      .filter((e) => e.type.startsWith('journey_'))
      .map((e) => describeEvent(e, { attributeLabel: () => undefined }));

  it('disabled, its journeys go on to their end; "remove all" ends the rest with the exit rule', async () => {
    p.t.clock.set('2026-12-01T09:00:00Z');
    const { play } = await journeyPlay('amber', 3);
    assert.equal(await running(play.id), 3);
    assert.equal((await api('POST', `/api/v1/plays/${play.id}/disable`)).statusCode, 200);
    p.t.clock.set('2026-12-03T10:00:00Z');
    await advance();
    const titles = (await p.openTasks(play.id)).map((t) => t.title).sort();
    assert.deepEqual(titles, [...Array(3).fill('First call'), ...Array(3).fill('Second call')]);
    assert.equal(await running(play.id), 0, 'they reached the end');

    const { play: other } = await journeyPlay('orange', 4);
    assert.equal((await api('POST', `/api/v1/plays/${other.id}/disable`)).statusCode, 200);
    assert.equal(await running(other.id), 4, 'still running after disabling');
    const std = await api('POST', `/api/v1/plays/${other.id}/journeys/remove`, p.w.tokens.standard);
    assert.equal(std.statusCode, 403, 'advanced users only');
    const res = await api('POST', `/api/v1/plays/${other.id}/journeys/remove`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { removed: 4 });
    assert.equal(await running(other.id), 0);
    const ended = await p.t.deps.db.select().from(journeys).where(eq(journeys.playId, other.id));
    assert.deepEqual(
      [...new Set(ended.map((j) => `${j.endReason} by ${j.endedBy}`))],
      [`removed by ${p.w.users.advanced.id}`],
    );
    assert.equal((await p.openTasks(other.id)).length, 0, 'the exit rule cancelled their calls');
    const again = await api('POST', `/api/v1/plays/${other.id}/journeys/remove`);
    assert.deepEqual(again.json(), { removed: 0 });
  });

  it('deleted, each running journey ends as "the play was deleted" on the timeline and its tasks stay', async () => {
    const { play, accs } = await journeyPlay('violet', 2);
    const del = await api('DELETE', `/api/v1/plays/${play.id}`);
    assert.equal(del.statusCode, 204, del.body);
    const open = await api('GET', `/api/v1/tasks?accountId=${accs[0]!.id}&status=open`);
    assert.deepEqual(
      open.json().data.map((t: { title: string }) => t.title),
      ['First call'],
      'its task stays open',
    );
    const lines = await journeyLines(accs[0]!.id);
    assert.ok(
      lines.includes('Left the journey "Calls violet": the play was deleted'),
      lines.join('\n'),
    );
    const left = await api('GET', `/api/v1/accounts/${accs[0]!.id}/journeys`);
    assert.deepEqual(left.json().data, [], 'the journey went with its play');
    // Nothing is left to advance: the deleted play's wait never fires.
    p.t.clock.set('2026-12-20T10:00:00Z');
    await advance();
    const after = await api('GET', `/api/v1/tasks?accountId=${accs[0]!.id}&status=open`);
    assert.equal(after.json().data.length, 1);
  });
});
