// The plays list as a builder reads it (issue 9): owner by name, open tasks, last firing (a dry run is
// not one), and the effectiveness score — the same number the play's report gives — or "too early".
// Only when asked (include=summary): pickers list the plays alone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

type Listed = {
  id: string;
  name: string;
  status: string;
  summary: {
    ownerName: string | null;
    openTasks: number;
    lastRun: { at: string; kind: string } | null;
    score: number | null;
    tooEarly: boolean;
  };
};

describe('plays list', () => {
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
  const listed = async (query = 'include=summary') =>
    Object.fromEntries(
      ((await get(`/api/v1/plays?limit=50&${query}`)).data as Listed[]).map((x) => [x.name, x]),
    );

  it('shows owner, open tasks, last run and score per play', async () => {
    await p.newAccounts(3, { health: 'red' });
    const fired = await p.play(
      { name: 'Red accounts', ownerUserId: p.w.users.standard.id },
      { fireNow: true },
    );
    const idle = await p.play({ name: 'Never fired', ownerUserId: p.w.users.advanced.id }, false);
    const dry = await p.t.app.inject({
      method: 'POST',
      url: `/api/v1/plays/${idle.id}/dry-run`,
      headers: bearer(p.w.tokens.advanced),
    });
    assert.equal(dry.statusCode, 200, dry.body);
    const [one] = await p.openTasks(fired.id);
    await p.complete(one!.id);

    let list = await listed();
    assert.equal(list['Red accounts']!.status, 'enabled');
    assert.equal(list['Red accounts']!.summary.ownerName, 'Sam Standard');
    assert.equal(list['Red accounts']!.summary.openTasks, 2, 'one of three completed');
    assert.equal(list['Red accounts']!.summary.lastRun?.kind, 'enable');
    assert.equal(list['Red accounts']!.summary.tooEarly, true, 'fired today, 30-day window');
    assert.deepEqual(list['Never fired']!.summary, {
      ownerName: 'Avery Advanced',
      openTasks: 0,
      lastRun: null,
      score: null,
      tooEarly: true,
    });

    // After the window the score stands; it is the number the play's effectiveness report gives.
    p.t.clock.advanceDays(31);
    list = await listed();
    const report = await get(`/api/v1/plays/${fired.id}/effectiveness`);
    assert.equal(report.tooEarly, false);
    assert.equal(list['Red accounts']!.summary.tooEarly, false);
    assert.equal(typeof report.score, 'number');
    assert.equal(list['Red accounts']!.summary.score, report.score);
  });

  it('leaves the summary out unless asked, and refuses an unknown include', async () => {
    const plain = await listed('status=enabled');
    assert.deepEqual(Object.keys(plain), ['Red accounts']);
    assert.equal(plain['Red accounts']!.status, 'enabled');
    assert.equal('summary' in plain['Red accounts']!, false);
    const res = await p.t.app.inject({
      method: 'GET',
      url: '/api/v1/plays?include=owner',
      headers: bearer(p.w.tokens.advanced),
    });
    assert.equal(res.statusCode, 400, res.body);
    const [detail] = res.json().error.details as Array<{ path: string; message: string }>;
    assert.equal(detail!.path, 'query.include');
  });
});
