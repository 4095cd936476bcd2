import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testContext, type TestContext } from '../test/harness.ts';
import { get, NOW, seedFocus, type FocusWorld } from './test-data.ts';
import { TASK_ITEM_FIELDS } from '../tasks/test-fixtures.ts';

type Item = {
  id: string;
  title: string;
  overdue: boolean;
  status: string;
  account: { id: string };
};
type Counts = {
  created: number;
  completed: number;
  completedOnTime: number;
  overdueNow: number;
  openNow: number;
};

const metricKey = {
  created: 'created',
  completed: 'completed',
  completed_on_time: 'completedOnTime',
  overdue: 'overdueNow',
  open: 'openNow',
} as const;

describe('Work focus drill-downs', () => {
  let t: TestContext;
  let w: FocusWorld;
  before(async () => {
    t = await testContext();
    w = await seedFocus(t, 'w1');
    t.clock.set(NOW);
  });
  after(() => t.close());

  /** Every page of a list (small pages, so the cursor is exercised). */
  async function all<T>(token: string, url: string, limit = 2): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(t, token, `${url}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { data: T[]; nextCursor: string | null };
      assert.ok(body.data.length <= limit);
      out.push(...body.data);
      cursor = body.nextCursor;
    } while (cursor);
    return out;
  }
  const tasksOf = (token: string, query: string) =>
    all<Item>(token, `/api/v1/spotlight/work/tasks?${query}`);
  const titles = async (token: string, query: string) =>
    (await tasksOf(token, query)).map((i) => i.title);

  it('every count of the report has a list of exactly that many tasks, for the team and each member, flow and role', async () => {
    const r = (
      await get(t, w.tokens.standard, `/api/v1/spotlight/work?teamId=${w.teamA.id}`)
    ).json();
    const slices: Array<[string, Counts]> = [
      ['', r.totals],
      ...r.members.map((m: Counts & { user: { id: string } }) => [`&userId=${m.user.id}`, m]),
      ...r.byFlow.map((f: Counts & { flow: { id: string } }) => [`&flowId=${f.flow.id}`, f]),
      ...r.byRole.map((x: Counts & { role: { id: string } | null }) => [
        `&roleId=${x.role?.id ?? 'none'}`,
        x,
      ]),
    ];
    assert.equal(slices.length, 7);
    for (const [slice, counts] of slices) {
      for (const [metric, key] of Object.entries(metricKey)) {
        const items = await tasksOf(
          w.tokens.standard,
          `teamId=${w.teamA.id}&metric=${metric}${slice}`,
        );
        assert.equal(items.length, counts[key], `${metric}${slice}`);
        assert.equal(
          new Set(items.map((i) => i.id)).size,
          items.length,
          `no task twice: ${metric}${slice}`,
        );
      }
    }
  });

  it('lists the hand-picked tasks: period edges, time zone, deleted tasks never', async () => {
    const q = (s: string) =>
      titles(w.tokens.standard, `teamId=${w.teamA.id}&${s}`).then((x) => x.sort());
    assert.deepEqual(await q('metric=created'), [
      'T1',
      'T12',
      'T13',
      'T14',
      'T16',
      'T2',
      'T4',
      'T7',
      'T8',
    ]);
    assert.deepEqual(await q('metric=completed'), ['T1', 'T13', 'T2', 'T3', 'T6']);
    assert.deepEqual(await q('metric=completed_on_time'), ['T1', 'T13', 'T3', 'T6']);
    assert.deepEqual(await q('metric=open'), ['T12', 'T14', 'T16', 'T4', 'T5', 'T7', 'T8']);
    assert.deepEqual(await q('metric=created&days=7'), ['T14', 'T16', 'T7', 'T8']);
    assert.deepEqual(await q('metric=completed&days=365'), ['T1', 'T13', 'T2', 'T3', 'T6', 'T9']);
    assert.deepEqual(await q(`metric=overdue&userId=${w.users.standard.id}`), ['T14', 'T5']);
    assert.deepEqual(await q(`metric=created&roleId=${w.role.id}`), ['T1', 'T8']);
    assert.deepEqual(await q('metric=completed&roleId=none'), ['T13', 'T2', 'T3', 'T6']);
  });

  it('drill-downs come in work order as items of the tasks collection', async () => {
    const items = await tasksOf(w.tokens.standard, `teamId=${w.teamA.id}&metric=overdue`);
    assert.deepEqual(
      items.map((i) => i.title),
      ['T5', 'T16', 'T14', 'T12', 'T8'],
    ); // same priority: earliest due first
    assert.ok(items.every((i) => i.overdue && i.status === 'open'));
    // Completed tasks are collected from the period, then put in the same order: high priority first.
    assert.deepEqual(await titles(w.tokens.standard, `teamId=${w.teamA.id}&metric=completed`), [
      'T6',
      'T1',
      'T2',
      'T3',
      'T13',
    ]);
    assert.deepEqual(Object.keys(items[0]!).sort(), TASK_ITEM_FIELDS);
  });

  it('accounts with overdue tasks, most overdue first, summing to the overdue count', async () => {
    const url = `/api/v1/spotlight/work/overdue-accounts?teamId=${w.teamA.id}`;
    const rows = await all<{
      account: { id: string; name: string };
      overdue: number;
      oldestDueDate: string;
    }>(w.tokens.standard, url, 1);
    assert.deepEqual(rows, [
      { account: { id: w.acmeA.id, name: 'Acme' }, overdue: 3, oldestDueDate: '2026-03-01' },
      { account: { id: w.gamma.id, name: 'Gamma' }, overdue: 1, oldestDueDate: '2026-03-27' },
      { account: { id: w.shared.id, name: 'Shared' }, overdue: 1, oldestDueDate: '2026-03-28' },
    ]);
    const totals = (
      await get(t, w.tokens.standard, `/api/v1/spotlight/work?teamId=${w.teamA.id}`)
    ).json().totals;
    assert.equal(
      rows.reduce((n, r) => n + r.overdue, 0),
      totals.overdueNow,
    );
    const one = await get(t, w.tokens.standard, `${url}&limit=50`);
    assert.deepEqual(one.json(), { data: rows, nextCursor: null });
    const sam = await all<{ account: { name: string }; overdue: number }>(
      w.tokens.standard,
      `${url}&userId=${w.users.standard.id}`,
    );
    assert.deepEqual(
      sam.map((r) => [r.account.name, r.overdue]),
      [
        ['Acme', 1],
        ['Shared', 1],
      ],
    );
  });

  it('a team B member never sees team A data in any list', async () => {
    const teamAOnly = [
      w.acmeA.id,
      w.gamma.id,
      ...['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T12', 'T16'].map((k) => w.ids[k]!),
    ];
    const bodies: string[] = [];
    for (const metric of Object.keys(metricKey)) {
      const items = await tasksOf(w.tokens.standardB, `metric=${metric}&days=365`);
      bodies.push(JSON.stringify(items));
    }
    assert.deepEqual((await titles(w.tokens.standardB, 'metric=created')).sort(), [
      'B1',
      'B2',
      'T13',
      'T14',
    ]);
    const accounts = (
      await get(t, w.tokens.standardB, '/api/v1/spotlight/work/overdue-accounts?limit=50')
    ).json();
    assert.deepEqual(
      accounts.data.map((a: { account: { name: string } }) => a.account.name),
      ['Beta', 'Shared'],
    );
    bodies.push(
      JSON.stringify(accounts),
      (await get(t, w.tokens.standardB, '/api/v1/spotlight/work?days=365')).body,
    );
    for (const body of bodies)
      for (const id of teamAOnly) assert.ok(!body.includes(id), `team B sees ${id}`);
  });

  it('rejects bad drill-down input with the one error shape', async () => {
    for (const url of [
      '/api/v1/spotlight/work/tasks?metric=late',
      '/api/v1/spotlight/work/tasks',
      '/api/v1/spotlight/work/tasks?metric=created&days=31',
      '/api/v1/spotlight/work/tasks?metric=created&roleId=nobody',
      '/api/v1/spotlight/work/tasks?metric=created&cursor=bm9wZQ',
      '/api/v1/spotlight/work/tasks?metric=created&limit=201',
      '/api/v1/spotlight/work/overdue-accounts?cursor=WzEsMl0',
      '/api/v1/spotlight/work/overdue-accounts?userId=me',
    ]) {
      const res = await get(t, w.tokens.admin, url);
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().error.code, 'validation_failed', url);
    }
  });
});
