import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from '../test/harness.ts';
import { api, createTodo, setTaskColumns, world, type World } from './test-fixtures.ts';

type Item = {
  id: string;
  title: string;
  account: { name: string };
  dueDate: string;
  priority: string;
  status: string;
  completedAt: string | null;
};
type Page = {
  data: Item[];
  nextCursor: string | null;
  counts?: { open: number; overdue: number; dueToday: number; completed: number };
};

// Issue 9: one work list for My Portfolio, Account → Work and Segment → Work, searched, filtered,
// sorted and counted over the whole filtered set by GET /api/v1/tasks.
describe('work lists: search, filters, sorts, whole-set counts, bulk results', () => {
  let t: TestContext;
  let w: World;
  const late: string[] = [];
  const done: string[] = [];
  let contactTask = '';
  before(async () => {
    ({ t, w } = await world());
    t.clock.set('2026-03-01T08:00:00Z');
    const mk = async (over: Record<string, unknown>) => {
      const task = await createTodo(t, w, over);
      t.clock.advanceMs(1000);
      return task.id;
    };
    for (let i = 1; i <= 60; i++)
      await mk({ title: `Routine check ${String(i).padStart(2, '0')}`, dueDate: '2026-03-10' });
    for (let i = 1; i <= 5; i++)
      late.push(await mk({ title: `Late call ${i}`, priority: 'high', dueDate: '2026-03-02' }));
    await mk({ title: 'Late but low', priority: 'low', dueDate: '2026-03-02' });
    for (let i = 1; i <= 2; i++)
      await mk({ title: `Today ${i}`, priority: 'low', dueDate: '2026-03-04' });
    await mk({
      title: 'Beta renewal',
      accountId: w.betaB.id,
      assignee: { userId: w.users.standardB.id },
    });
    await mk({ title: '100% sure', dueDate: '2026-03-11' });
    contactTask = await mk({
      title: 'Carla sends logo',
      assignee: { contactId: w.contacts.c1.id },
    });
    for (let i = 1; i <= 3; i++) {
      const id = await mk({ title: `Finished ${i}`, dueDate: '2026-03-03' });
      await api(t, w.tokens.admin).post(`/api/v1/tasks/${id}/complete`, {});
      t.clock.advanceMs(60_000);
      done.push(id);
    }
    t.clock.set('2026-03-04T12:00:00Z');
  });
  after(() => t.close());

  const get = async (token: string, query: string) => {
    const res = await api(t, token).get(`/api/v1/tasks?${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Page;
  };
  const all = async (token: string, query: string, limit = 7) => {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        token,
        `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      items.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };

  it('counts the whole filtered set, not the page: "69 open · 6 overdue"', async () => {
    const page = await get(w.tokens.standard, 'assignee=me&include=counts&limit=20');
    assert.equal(page.data.length, 20);
    assert.ok(page.nextCursor);
    assert.deepEqual(page.counts, { open: 69, overdue: 6, dueToday: 2, completed: 3 });
    const lateHigh = await get(
      w.tokens.standard,
      'assignee=me&due=overdue&priority=high&include=counts',
    );
    assert.deepEqual(lateHigh.counts, { open: 5, overdue: 5, dueToday: 0, completed: 0 });
    assert.deepEqual(lateHigh.data.map((i) => i.id).sort(), [...late].sort());
    // Without include=counts the answer is as before.
    assert.equal((await get(w.tokens.standard, 'assignee=me&limit=1')).counts, undefined);
  });

  it('searches title and account name, case-insensitively, only among visible accounts', async () => {
    const titles = async (token: string, q: string) =>
      (await all(token, `assignee=all&q=${encodeURIComponent(q)}`)).map((i) => i.title).sort();
    assert.deepEqual(await titles(w.tokens.standard, 'LATE CALL'), [
      'Late call 1',
      'Late call 2',
      'Late call 3',
      'Late call 4',
      'Late call 5',
    ]);
    assert.deepEqual(await titles(w.tokens.admin, 'beta'), ['Beta renewal']);
    assert.deepEqual(await titles(w.tokens.standard, 'beta'), []);
    // "%" is a character people type, not a wildcard.
    assert.deepEqual(await titles(w.tokens.standard, '100%'), ['100% sure']);
    assert.deepEqual(await titles(w.tokens.standard, '_'), []);
    const counted = await get(w.tokens.standard, 'assignee=all&q=routine&include=counts&limit=5');
    assert.equal(counted.counts?.open, 60);
  });

  it('filters to tasks assigned to contacts', async () => {
    const items = await all(w.tokens.standard, 'assignee=contacts');
    assert.deepEqual(
      items.map((i) => i.id),
      [contactTask],
    );
  });

  it('sorts by title, due, account and completion, paging with a cursor per sort', async () => {
    const byTitle = await all(w.tokens.admin, 'assignee=all&sort=title');
    assert.equal(byTitle.length, 71);
    assert.equal(new Set(byTitle.map((i) => i.id)).size, 71);
    const lower = byTitle.map((i) => i.title.toLowerCase());
    assert.deepEqual(
      lower,
      [...lower].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );

    const byDueDesc = await all(w.tokens.admin, 'assignee=all&sort=due&dir=desc');
    const dues = byDueDesc.map((i) => i.dueDate);
    assert.deepEqual(dues, [...dues].sort().reverse());
    assert.equal(new Set(byDueDesc.map((i) => i.id)).size, 71);

    const byAccountDesc = await all(w.tokens.admin, 'assignee=all&sort=account&dir=desc');
    assert.equal(byAccountDesc[0]!.account.name, 'Beta');
    assert.equal(byAccountDesc.at(-1)!.account.name, 'Acme');

    const first = await get(w.tokens.admin, 'assignee=all&sort=title&limit=3');
    const wrong = await api(t, w.tokens.admin).get(
      `/api/v1/tasks?assignee=all&sort=due&limit=3&cursor=${first.nextCursor}`,
    );
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.details[0].path, 'query.cursor');
  });

  it('lists completed tasks newest first', async () => {
    const items = await all(w.tokens.standard, 'assignee=me&status=completed', 2);
    assert.deepEqual(
      items.map((i) => i.id),
      [...done].reverse(),
    );
    // The older work routes too (My Portfolio → Work, Account → Work).
    for (const url of ['/api/v1/me/work', `/api/v1/accounts/${w.acmeA.id}/work`]) {
      const res = await api(t, w.tokens.standard).get(`${url}?status=completed&limit=50`);
      assert.deepEqual(
        (res.json() as Page).data.map((i) => i.id).filter((id) => done.includes(id)),
        [...done].reverse(),
        url,
      );
    }
    const oldestFirst = await all(
      w.tokens.standard,
      'assignee=me&status=completed&sort=completedAt&dir=asc',
    );
    assert.deepEqual(
      oldestFirst.map((i) => i.id),
      done,
    );
  });

  it('refuses an unknown sort or an empty search with the one error shape', async () => {
    for (const [query, path] of [
      ['sort=size', 'query.sort'],
      ['dir=up', 'query.dir'],
      ['q=%20', 'query.q'],
      ['include=everything', 'query.include'],
      ['assignee=contact', 'query.assignee'],
    ]) {
      const res = await api(t, w.tokens.standard).get(`/api/v1/tasks?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.json().error.details[0].path, path, query);
    }
  });

  it('bulk complete takes an outcome per task and says which task failed and why', async () => {
    const a = await createTodo(t, w, { title: 'Pitch Acme', outcomes: ['Won', 'Lost'] });
    const b = await createTodo(t, w, { title: 'Pitch again', outcomes: ['Booked', 'Lost'] });
    const c = await createTodo(t, w, { title: 'Call Acme' });
    const d = await createTodo(t, w, { title: 'Plain' });
    await setTaskColumns(t, c.id, { completionRules: { touchpointRequired: true } });
    const res = await api(t, w.tokens.standard).post('/api/v1/tasks/bulk', {
      action: 'complete',
      taskIds: [a.id, b.id, c.id, d.id],
      outcomeByTask: { [a.id]: 'Won', [b.id]: 'Booked' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const results = res.json().results as Array<{
      taskId: string;
      ok: boolean;
      error?: { message: string };
    }>;
    assert.deepEqual(
      results.map((r) => [r.taskId, r.ok]),
      [
        [a.id, true],
        [b.id, true],
        [c.id, false],
        [d.id, true],
      ],
    );
    assert.match(results[2]!.error!.message, /requires a touchpoint/);
    const outcomes = await all(w.tokens.standard, 'assignee=me&status=completed&q=pitch');
    assert.deepEqual(
      outcomes.map((i) => [i.title, (i as unknown as { outcome: string }).outcome]).sort(),
      [
        ['Pitch Acme', 'Won'],
        ['Pitch again', 'Booked'],
      ],
    );
    // An outcome the task does not offer fails that task, in words.
    const e = await createTodo(t, w, { title: 'Pitch third', outcomes: ['Won'] });
    const wrong = await api(t, w.tokens.standard).post('/api/v1/tasks/bulk', {
      action: 'complete',
      taskIds: [e.id],
      outcome: 'Booked',
    });
    assert.match(wrong.json().results[0].error.message, /choose one of: Won/);
  });

  it("offers as assignees only who can see the account, then roles, then the account's contacts", async () => {
    const res = await api(t, w.tokens.standard).get(`/api/v1/accounts/${w.acmeA.id}/assignable`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as {
      users: Array<{ id: string; name: string; admin: boolean }>;
      roles: Array<{ name: string; holder: { name: string } | null }>;
      contacts: Array<{ id: string; name: string }>;
    };
    // Team A's members and the admin; not Team B's Bea, not the disabled Dee.
    assert.deepEqual(
      body.users.map((u) => [u.name, u.admin]),
      [
        ['Admin', true],
        ['Avery Advanced', false],
        ['Sam Standard', false],
      ],
    );
    assert.deepEqual(
      body.roles.map((r) => [r.name, r.holder?.name ?? null]),
      [
        ['Sales Manager', null],
        ['Success Manager', 'Sam Standard'],
      ],
    );
    assert.deepEqual(
      body.contacts.map((c) => c.name),
      ['Carla Contact', 'Dan Doe'],
    );
    // Everyone offered is accepted as the assignee of a task on the account.
    for (const u of body.users)
      await createTodo(t, w, { title: `For ${u.name}`, assignee: { userId: u.id } });
    for (const c of body.contacts)
      await createTodo(t, w, { title: `For ${c.name}`, assignee: { contactId: c.id } });
    const hidden = await api(t, w.tokens.standard).get(`/api/v1/accounts/${w.betaB.id}/assignable`);
    assert.equal(hidden.statusCode, 404);
    const bad = await api(t, w.tokens.standard).get('/api/v1/accounts/nope/assignable');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details[0].path, 'params.id');
  });
});
