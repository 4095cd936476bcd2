import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/tokens.ts';
import { users } from '../db/schema/index.ts';
import { testContext, type TestContext } from '../test/harness.ts';
import { get, NOW, seedFocus, type FocusWorld } from './test-data.ts';

type Counts = {
  created: number;
  completed: number;
  completedOnTime: number;
  overdueNow: number;
  openNow: number;
  onTimeRate: number | null;
};
const c = (
  created: number,
  completed: number,
  completedOnTime: number,
  overdueNow: number,
  openNow: number,
): Counts => ({
  created,
  completed,
  completedOnTime,
  overdueNow,
  openNow,
  onTimeRate: completed ? completedOnTime / completed : null,
});

/** Zero-filled daily series from sparse `{ 'MM-DD': [created, completed] }` (year 2026). */
function series(from: string, days: number, values: Record<string, [number, number]>) {
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    const date = d.toISOString().slice(0, 10);
    const [created, completed] = values[date.slice(5)] ?? [0, 0];
    return { date, created, completed };
  });
}

describe('Team Spotlight → Work focus', () => {
  let t: TestContext;
  let w: FocusWorld;
  let w2: FocusWorld;
  before(async () => {
    t = await testContext();
    w = await seedFocus(t, 'w1');
    w2 = await seedFocus(t, 'w2'); // the same data in another workspace: must never add to w1's numbers
    t.clock.set(NOW);
  });
  after(() => t.close());

  const report = async (token: string, query: string) => {
    const res = await get(t, token, `/api/v1/spotlight/work?${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  it('counts a team over 30 days exactly, in the workspace time zone', async () => {
    const r = await report(w.tokens.standard, `teamId=${w.teamA.id}`);
    assert.deepEqual(r.team, { id: w.teamA.id, name: 'Team A' });
    assert.deepEqual(r.period, { from: '2026-03-02', to: '2026-03-31', days: 30 });
    assert.deepEqual(r.totals, c(9, 5, 4, 5, 7));
    assert.deepEqual(r.members, [
      { user: { id: w.users.advanced.id, name: 'Avery Advanced' }, ...c(4, 1, 1, 2, 4) },
      { user: { id: w.users.standard.id, name: 'Sam Standard' }, ...c(3, 3, 2, 2, 2) },
    ]);
    assert.deepEqual(r.byFlow, [
      { flow: { id: w.flows.F1, name: 'Onboarding' }, ...c(5, 3, 2, 4, 4) },
      { flow: { id: w.flows.F2, name: 'Renewal' }, ...c(4, 2, 2, 1, 3) },
    ]);
    assert.deepEqual(r.byRole, [
      { role: { id: w.role.id, name: 'Success Manager' }, ...c(2, 1, 1, 2, 2) },
      { role: null, ...c(7, 4, 3, 3, 5) },
    ]);
    // Local dates: T1 completed 03:30Z on 11 March is 10 March in New York; T4 created 05:30Z on 2 March is 00:30 local.
    assert.deepEqual(
      r.byDate,
      series('2026-03-02', 30, {
        '03-02': [1, 0],
        '03-03': [0, 1],
        '03-05': [2, 0],
        '03-10': [1, 1],
        '03-11': [0, 1],
        '03-15': [0, 1],
        '03-20': [1, 0],
        '03-24': [0, 1],
        '03-25': [1, 0],
        '03-26': [1, 0],
        '03-27': [1, 0],
        '03-30': [1, 0],
      }),
    );
  });

  it('a 7-day period counts only its own days; overdue and open stay "now"', async () => {
    const r = await report(w.tokens.admin, `teamId=${w.teamA.id}&days=7`);
    assert.deepEqual(r.period, { from: '2026-03-25', to: '2026-03-31', days: 7 });
    assert.deepEqual(r.totals, c(4, 0, 0, 5, 7));
    assert.equal(r.totals.onTimeRate, null);
    assert.deepEqual(
      r.byDate,
      series('2026-03-25', 7, {
        '03-25': [1, 0],
        '03-26': [1, 0],
        '03-27': [1, 0],
        '03-30': [1, 0],
      }),
    );
  });

  it('the period follows the clock: a day later the first day drops out', async () => {
    t.clock.set('2026-04-01T15:00:00Z');
    try {
      const r = await report(w.tokens.standard, `teamId=${w.teamA.id}`);
      assert.deepEqual(r.period, { from: '2026-03-03', to: '2026-04-01', days: 30 });
      // T4 (created 2 March) leaves "created"; T7 (due 31 March) is now overdue.
      assert.deepEqual(r.totals, c(8, 5, 4, 6, 7));
    } finally {
      t.clock.set(NOW);
    }
  });

  it('team B sees its own accounts, including the account shared with team A', async () => {
    const expected = c(4, 2, 1, 2, 2); // B1, B2 and, on the shared account, T13 and T14
    const r = await report(w.tokens.standardB, `teamId=${w.teamB.id}`);
    assert.deepEqual(r.totals, expected);
    assert.deepEqual(r.members, [
      { user: { id: w.users.standardB.id, name: 'Bea B' }, ...c(2, 1, 0, 1, 1) },
    ]);
    // Without a team: every team of the caller, i.e. the same numbers, and no team named.
    const mine = await report(w.tokens.standardB, '');
    assert.equal(mine.team, null);
    assert.deepEqual(mine.totals, expected);
    assert.deepEqual(mine.members, r.members);
  });

  it('a user in no team sees an empty report, not the workspace', async () => {
    const [loner] = await t.deps.db
      .insert(users)
      .values({
        workspaceId: w.workspace.id,
        email: 'loner@w1.test',
        name: 'Lone',
        role: 'advanced',
      })
      .returning();
    const { token } = await createApiToken(
      t.deps.db,
      { workspaceId: w.workspace.id, userId: loner!.id },
      'test',
    );
    const r = await report(token, 'days=90');
    assert.deepEqual(r.totals, c(0, 0, 0, 0, 0));
    assert.deepEqual([r.members, r.byFlow, r.byRole], [[], [], []]);
    assert.equal(r.byDate.length, 90);
  });

  it('all teams for an admin: each task once, accounts outside every team left out', async () => {
    const r = await report(w.tokens.admin, 'days=30');
    assert.deepEqual(r.totals, c(11, 6, 4, 6, 8));
    assert.deepEqual(
      r.members.map((m: { user: { name: string } }) => m.user.name),
      ['Avery Advanced', 'Bea B', 'Sam Standard'],
    );
    const year = await report(w.tokens.admin, 'days=365');
    assert.deepEqual(year.period, { from: '2025-04-01', to: '2026-03-31', days: 365 });
    assert.equal(year.byDate.length, 365);
    // Over a year T3, T5, T6 and T9 count as created too; T9 as completed (25 February, late).
    assert.deepEqual(year.totals, c(15, 7, 4, 6, 8));
  });

  it('another workspace never counts, and its admin cannot name this workspace’s team', async () => {
    const r = await report(w2.tokens.admin, 'days=30');
    assert.deepEqual(r.totals, c(11, 6, 4, 6, 8)); // its own copy of the data, not doubled
    assert.ok(!JSON.stringify(r).includes(w.users.standard.id));
    for (const path of [
      '/api/v1/spotlight/work',
      '/api/v1/spotlight/work/tasks?metric=created&',
      '/api/v1/spotlight/work/overdue-accounts',
    ]) {
      const url = `${path}${path.includes('?') ? '' : '?'}teamId=${w.teamA.id}`;
      const res = await get(t, w2.tokens.admin, url);
      assert.equal(res.statusCode, 404, url);
    }
  });

  it('a member of team B is refused team A with 404 on every endpoint', async () => {
    for (const [token, team] of [
      [w.tokens.standardB, w.teamA.id],
      [w.tokens.advanced, w.teamB.id],
      [w.tokens.admin, '00000000-0000-4000-8000-000000000000'],
    ]) {
      for (const url of [
        `/api/v1/spotlight/work?teamId=${team}`,
        `/api/v1/spotlight/work/tasks?metric=overdue&teamId=${team}`,
        `/api/v1/spotlight/work/overdue-accounts?teamId=${team}`,
      ]) {
        const res = await get(t, token!, url);
        assert.equal(res.statusCode, 404, url);
        assert.deepEqual(res.json(), {
          error: { code: 'not_found', message: 'Team was not found.', details: [] },
        });
      }
    }
    // An admin may look at any team of the workspace.
    assert.deepEqual(
      (await report(w.tokens.admin, `teamId=${w.teamB.id}`)).totals,
      c(4, 2, 1, 2, 2),
    );
  });

  it('rejects periods outside 7/14/30/90/180/365 and malformed input with the one error shape', async () => {
    for (const query of [
      'days=8',
      'days=0',
      'days=abc',
      'days=30.0',
      'teamId=not-a-uuid',
      'unknown=1',
    ]) {
      const res = await get(t, w.tokens.admin, `/api/v1/spotlight/work?${query}`);
      assert.equal(res.statusCode, 400, query);
      const body = res.json();
      assert.equal(body.error.code, 'validation_failed', query);
      assert.ok(
        body.error.details.length > 0 &&
          body.error.details.every((d: { path: string }) => /^query(\.|$)/.test(d.path)),
        query,
      );
    }
    const days = await get(t, w.tokens.admin, '/api/v1/spotlight/work?days=8');
    assert.equal(days.json().error.details[0].path, 'query.days');
  });

  it('documents the endpoints in OpenAPI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const p of [
      '/api/v1/spotlight/work',
      '/api/v1/spotlight/work/tasks',
      '/api/v1/spotlight/work/overdue-accounts',
    ]) {
      assert.ok(spec.paths[p]?.get?.responses?.['200'], p);
    }
    const days = spec.paths['/api/v1/spotlight/work'].get.parameters.find(
      (p: { name: string }) => p.name === 'days',
    );
    assert.deepEqual(days.schema.enum, ['7', '14', '30', '90', '180', '365']);
  });
});
