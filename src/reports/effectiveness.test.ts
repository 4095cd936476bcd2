// Play effectiveness and Team Spotlight share one definition of "on time", and the weekly series is scored like the headline.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';

type Parts = {
  completedShare: number | null;
  onTimeShare: number | null;
  goalShare: number | null;
};
type Counts = {
  firedTasks: number;
  completed: number;
  completedOnTime: number;
  targets: number;
  reachedGoal: number;
};
type Week = Counts & { week: string; parts: Parts; score: number | null };

describe('effectiveness: one on-time definition, a weekly series comparable with the headline', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const get = async (url: string) => {
    const res = await p.t.app.inject({ method: 'GET', url, headers: bearer(p.w.tokens.advanced) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const completeOn = async (taskId: string, iso: string) => {
    p.t.clock.set(iso);
    const res = await p.t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${taskId}/complete`,
      headers: bearer(p.w.tokens.standard),
      payload: {},
    });
    assert.equal(res.statusCode, 200, res.body);
  };
  const near = (a: Parts, b: Parts) => {
    for (const k of Object.keys(b) as Array<keyof Parts>)
      assert.ok(
        Math.abs((a[k] ?? NaN) - (b[k] ?? NaN)) < 1e-9 || a[k] === b[k],
        `${k}: ${a[k]} ≠ ${b[k]}`,
      );
  };

  it("scores a scenario with known answers; each week is scored like the headline and the weeks add up to it; Spotlight's on-time rate agrees", async () => {
    // Tasks are due 3 days after firing. Goal: ARR reaches 5,000 within 30 days of firing.
    const play = await p.play({
      name: 'Rescue',
      goalCriteria: { kind: 'compare', field: 'attributes.arr', op: 'gte', value: 5000 },
    });
    const fire = async (n: number) => {
      const accounts = await p.newAccounts(n, { health: 'green', arr: 100 });
      for (const a of accounts) await p.setAttrs(a.id, { health: 'red' });
      await p.drain();
      const tasks = await p.playTasks(play.id);
      return accounts.map((a) => ({ account: a, task: tasks.find((t) => t.accountId === a.id)! }));
    };
    // Week of Monday 2 March: four firings (tasks due 5 March).
    p.t.clock.set('2026-03-02T09:00:00Z');
    const [a, b, , d] = await fire(4);
    // Week of Monday 9 March: two firings (due 12 March).
    p.t.clock.set('2026-03-09T09:00:00Z');
    const [e, f] = await fire(2);
    await completeOn(a!.task.id, '2026-03-03T10:00:00Z'); // on time
    await completeOn(d!.task.id, '2026-03-05T22:00:00Z'); // on its due date: on time
    await completeOn(b!.task.id, '2026-03-09T10:00:00Z'); // late; c stays open
    await completeOn(e!.task.id, '2026-03-10T10:00:00Z'); // on time
    await completeOn(f!.task.id, '2026-03-20T10:00:00Z'); // late
    p.t.clock.set('2026-03-07T09:00:00Z');
    await p.setAttrs(a!.account.id, { arr: 6000 });
    await p.drain();
    p.t.clock.set('2026-03-13T09:00:00Z');
    await p.setAttrs(e!.account.id, { arr: 6000 });
    await p.drain();
    p.t.clock.set('2026-03-20T12:00:00Z');

    const eff = (await get(`/api/v1/plays/${play.id}/effectiveness?weeks=3`)) as {
      parts: Parts;
      score: number;
      counts: Counts;
      series: Week[];
    };
    // On time = completed by the due date ÷ completed: 3 of 5, not 3 of the 6 fired.
    assert.deepEqual(eff.counts, {
      firedTasks: 6,
      completed: 5,
      completedOnTime: 3,
      targets: 6,
      reachedGoal: 2,
    });
    near(eff.parts, { completedShare: 5 / 6, onTimeShare: 3 / 5, goalShare: 2 / 6 });
    assert.equal(eff.score, 59, 'mean of 5/6, 3/5 and 1/3');

    assert.deepEqual(
      eff.series.map((w) => w.week),
      ['2026-03-02', '2026-03-09', '2026-03-16'],
    );
    const [w1, w2, w3] = eff.series;
    assert.deepEqual(
      [w1!.firedTasks, w1!.completed, w1!.completedOnTime, w1!.targets, w1!.reachedGoal],
      [4, 3, 2, 4, 1],
    );
    near(w1!.parts, { completedShare: 3 / 4, onTimeShare: 2 / 3, goalShare: 1 / 4 });
    assert.equal(w1!.score, 56);
    assert.deepEqual(
      [w2!.firedTasks, w2!.completed, w2!.completedOnTime, w2!.targets, w2!.reachedGoal],
      [2, 2, 1, 2, 1],
    );
    near(w2!.parts, { completedShare: 1, onTimeShare: 1 / 2, goalShare: 1 / 2 });
    assert.equal(w2!.score, 67);
    assert.deepEqual([w3!.firedTasks, w3!.score], [0, null], 'a week without firings has no score');

    // The weeks add up to the headline, and scoring their sum gives the headline score.
    const keys = ['firedTasks', 'completed', 'completedOnTime', 'targets', 'reachedGoal'] as const;
    const sum = Object.fromEntries(keys.map((k) => [k, eff.series.reduce((s, w) => s + w[k], 0)]));
    assert.deepEqual(sum, eff.counts);

    // Team Spotlight, over the same tasks (team A, last 30 days), reports the same on-time rate.
    const focus = await get('/api/v1/spotlight/work?days=30');
    assert.deepEqual([focus.totals.completed, focus.totals.completedOnTime], [5, 3]);
    assert.equal(focus.totals.onTimeRate, eff.parts.onTimeShare);
  });
});
