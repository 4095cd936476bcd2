// Effectiveness (SPEC §5) of a play with goal criteria: the goal is reached by meeting them within the window.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

describe('play effectiveness with goal criteria', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const effectiveness = async (playId: string, windowDays: number) => {
    const res = await p.t.app.inject({
      method: 'GET',
      url: `/api/v1/plays/${playId}/effectiveness?windowDays=${windowDays}`,
      headers: bearer(p.w.tokens.advanced),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as {
      firstFiredAt: string | null;
      readyAt: string | null;
      tooEarly: boolean;
      parts: { goalShare: number | null };
      counts: { targets: number; reachedGoal: number };
    };
  };

  it('counts a fired record as reaching the goal when it meets the goal criteria within the window, while still meeting the trigger', async () => {
    const play = await p.play({
      name: 'Expand',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'expand' },
      goalCriteria: { kind: 'compare', field: 'attributes.arr', op: 'gte', value: 5000 },
    });
    const [quick, slow, never] = await p.newAccounts(3, { health: 'green', arr: 100 });
    const [bystander] = await p.newAccounts(1, { health: 'green', arr: 100 });
    for (const a of [quick, slow, never]) await p.setAttrs(a!.id, { health: 'expand' });
    await p.drain();
    assert.equal((await p.openTasks(play.id)).length, 3);

    p.t.clock.advanceDays(5);
    await p.setAttrs(quick!.id, { arr: 6000 });
    await p.setAttrs(bystander!.id, { arr: 9000 }); // meets the goal but was never fired on: not a target
    await p.drain();
    p.t.clock.advanceDays(40);
    await p.setAttrs(slow!.id, { arr: 7000 });
    await p.drain();

    const month = await effectiveness(play.id, 30);
    assert.deepEqual(
      { targets: month.counts.targets, reached: month.counts.reachedGoal },
      { targets: 3, reached: 1 },
      'the slow one reached it after 45 days',
    );
    assert.equal(month.parts.goalShare, 1 / 3);
    const twoMonths = await effectiveness(play.id, 60);
    assert.equal(twoMonths.counts.reachedGoal, 2);
    p.t.clock.set('2026-03-02T09:00:00Z');
  });

  it('is too early to tell until the window after the first firing has passed', async () => {
    p.t.clock.set('2026-03-02T09:00:00Z');
    const play = await p.play({
      name: 'Too early',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'early' },
    });
    const never = await effectiveness(play.id, 14);
    assert.deepEqual(
      { first: never.firstFiredAt, ready: never.readyAt, early: never.tooEarly },
      { first: null, ready: null, early: true },
      'a play that never fired has nothing to tell',
    );
    const [a] = await p.newAccounts(1, { health: 'green' });
    await p.setAttrs(a!.id, { health: 'early' });
    await p.drain();
    const fired = await effectiveness(play.id, 14);
    assert.ok(fired.firstFiredAt, 'the firing is dated');
    assert.equal(
      new Date(fired.readyAt!).getTime() - new Date(fired.firstFiredAt!).getTime(),
      14 * 86_400_000,
    );
    assert.equal(fired.tooEarly, true, 'its task is open, but its window has not passed');
    p.t.clock.advanceDays(13);
    assert.equal((await effectiveness(play.id, 14)).tooEarly, true);
    p.t.clock.advanceDays(2);
    assert.equal((await effectiveness(play.id, 14)).tooEarly, false, 'the window has passed');
    assert.equal((await effectiveness(play.id, 30)).tooEarly, true, 'a longer window is not');
    p.t.clock.set('2026-03-02T09:00:00Z');
  });
});
