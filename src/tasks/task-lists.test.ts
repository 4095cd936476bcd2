import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { accounts, accountTeams, flows, tasks } from '../db/schema/index.ts';
import { actor } from '../test/harness.ts';
import {
  resolveVisibility,
  taskFilterBranches,
  type TaskFilters,
  type Visibility,
} from './task-filter.ts';
import { taskPage } from './task-page.ts';
import { priorities, priorityLevel, type Priority } from './priority.ts';
import type { TestContext } from '../test/harness.ts';
import {
  api,
  createTodo,
  setTaskColumns,
  TASK_ITEM_FIELDS,
  world,
  type World,
} from './test-fixtures.ts';

type Item = {
  id: string;
  title: string;
  priority: string;
  dueDate: string;
  createdAt: string;
  overdue: boolean;
  status: string;
};

describe('work lists and the tasks collection', () => {
  let t: TestContext;
  let w: World;
  const ids: Record<string, string> = {};
  const playId = '11111111-1111-4111-8111-111111111111';
  before(async () => {
    ({ t, w } = await world());
    const [renewal] = await t.deps.db.select().from(flows).where(eq(flows.name, 'Renewal'));
    t.clock.set('2026-03-01T08:00:00Z');
    const mk = async (key: string, over: Record<string, unknown>) => {
      ids[key] = (await createTodo(t, w, { title: key, ...over })).id;
      t.clock.advanceMs(1000);
    };
    await mk('overdueHigh', { priority: 'high', dueDate: '2026-03-01' });
    await mk('todayNormal', {
      priority: 'normal',
      dueDate: '2026-03-04',
      assignee: { userId: w.users.advanced.id },
      outcomes: ['Won', 'Lost'],
    });
    await mk('pastLow', { priority: 'low', dueDate: '2026-03-02' });
    await mk('nextWeek', { priority: 'normal', dueDate: '2026-03-09', flowId: renewal!.id });
    await mk('wonHigh', {
      priority: 'high',
      dueDate: '2026-03-20',
      assignee: { userId: w.users.advanced.id },
      outcomes: ['Won', 'Lost'],
    });
    await mk('contactTask', {
      priority: 'low',
      dueDate: '2026-03-30',
      assignee: { contactId: w.contacts.c1.id },
    });
    await mk('teamB', {
      accountId: w.betaB.id,
      assignee: { userId: w.users.standardB.id },
      dueDate: '2026-03-03',
    });
    await api(t, w.tokens.admin).post(`/api/v1/tasks/${ids.wonHigh}/complete`, { outcome: 'Won' });
    await setTaskColumns(t, ids.nextWeek!, {
      playId,
      source: 'play',
      fallbackReason: 'role_empty',
    });
    t.clock.set('2026-03-04T12:00:00Z'); // a Wednesday
  });
  after(() => t.close());

  const titles = async (token: string, url: string) =>
    ((await api(t, token).get(url)).json().data as Item[]).map((i) => i.title);

  it('my work lists my open tasks in work order: priority, due date, created', async () => {
    assert.deepEqual(await titles(w.tokens.standard, '/api/v1/me/work'), [
      'overdueHigh',
      'nextWeek',
      'pastLow',
    ]);
    assert.deepEqual(await titles(w.tokens.advanced, '/api/v1/me/work'), ['todayNormal']);
    assert.deepEqual(await titles(w.tokens.advanced, '/api/v1/me/work?status=completed'), [
      'wonHigh',
    ]);
    assert.deepEqual(await titles(w.tokens.advanced, '/api/v1/me/work?status=all'), [
      'wonHigh',
      'todayNormal',
    ]);
  });

  it('items carry the documented fields, with overdue from the workspace date', async () => {
    const res = await api(t, w.tokens.standard).get('/api/v1/me/work');
    const first = res.json().data[0];
    assert.deepEqual(Object.keys(first).sort(), TASK_ITEM_FIELDS);
    const byTitle = Object.fromEntries((res.json().data as Item[]).map((i) => [i.title, i]));
    assert.equal(byTitle.overdueHigh!.overdue, true);
    assert.equal(byTitle.nextWeek!.overdue, false);
    assert.equal(
      (byTitle.nextWeek as unknown as { fallbackReason: string }).fallbackReason,
      'role_empty',
    );
    assert.deepEqual(
      (byTitle.nextWeek as unknown as { flow: { name: string } }).flow.name,
      'Renewal',
    );
  });

  it('account work lists every task on the account; another team gets 404', async () => {
    assert.deepEqual(
      await titles(w.tokens.standard, `/api/v1/accounts/${w.acmeA.id}/work?status=all`),
      ['overdueHigh', 'wonHigh', 'todayNormal', 'nextWeek', 'pastLow', 'contactTask'],
    );
    assert.equal(
      (await api(t, w.tokens.standardB).get(`/api/v1/accounts/${w.acmeA.id}/work`)).statusCode,
      404,
    );
  });

  it('filters by due window using the workspace date', async () => {
    const q = (s: string) => titles(w.tokens.admin, `/api/v1/tasks?${s}`);
    assert.deepEqual(await q('due=overdue'), ['overdueHigh', 'teamB', 'pastLow']);
    assert.deepEqual(await q('due=today'), ['todayNormal']);
    // The week runs Monday 2 March to Sunday 8 March; Sunday 1 March belongs to the week before.
    assert.deepEqual(await q('due=this_week'), ['teamB', 'todayNormal', 'pastLow']);
    assert.deepEqual(await q('due=next_7_days'), ['todayNormal', 'nextWeek']);
    assert.deepEqual(await q('due=completed'), ['wonHigh']);
    assert.deepEqual(await q('due=incomplete'), [
      'overdueHigh',
      'teamB',
      'todayNormal',
      'nextWeek',
      'pastLow',
      'contactTask',
    ]);
    assert.deepEqual(await q('due=range&from=2026-03-09&to=2026-03-20'), ['wonHigh', 'nextWeek']);
    const bad = await api(t, w.tokens.admin).get('/api/v1/tasks?due=range&from=2026-03-09');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'validation_failed');
  });

  it('filters by assignee, account, flow, priority, status, play, outcome and source', async () => {
    const q = (s: string, token = w.tokens.admin) => titles(token, `/api/v1/tasks?${s}`);
    assert.deepEqual(await q('assignee=me', w.tokens.advanced), ['todayNormal']);
    assert.deepEqual(await q(`assignee=${w.users.advanced.id}&status=all`), [
      'wonHigh',
      'todayNormal',
    ]);
    assert.deepEqual(await q(`assignee=team:${w.teamB.id}`), ['teamB']);
    assert.deepEqual(await q(`accountId=${w.betaB.id}`), ['teamB']);
    const [renewal] = await t.deps.db.select().from(flows).where(eq(flows.name, 'Renewal'));
    assert.deepEqual(await q(`flowId=${renewal!.id}`), ['nextWeek']);
    assert.deepEqual(await q('priority=low'), ['pastLow', 'contactTask']);
    assert.deepEqual(await q(`playId=${playId}`), ['nextWeek']);
    assert.deepEqual(await q('outcome=Won&status=all'), ['wonHigh']);
    assert.deepEqual(await q('source=play'), ['nextWeek']);
    assert.equal(
      (await api(t, w.tokens.admin).get('/api/v1/tasks?assignee=somebody')).statusCode,
      400,
    );
  });

  it('groups count over the whole filtered set, not the page', async () => {
    const res = await api(t, w.tokens.admin).get(
      '/api/v1/tasks?status=all&groupBy=assignee&limit=1',
    );
    assert.equal(res.json().data.length, 1);
    assert.deepEqual(res.json().groups, [
      { key: w.users.advanced.id, label: 'Avery Advanced', count: 2 },
      { key: w.users.standardB.id, label: 'Bea B', count: 1 },
      { key: w.contacts.c1.id, label: 'Carla Contact', count: 1 },
      { key: w.users.standard.id, label: 'Sam Standard', count: 3 },
    ]);
    const g = async (by: string) =>
      (await api(t, w.tokens.admin).get(`/api/v1/tasks?status=all&groupBy=${by}`))
        .json()
        .groups.map((x: { label: string; count: number }) => `${x.label}:${x.count}`);
    assert.deepEqual(await g('status'), ['Open:6', 'Completed:1']);
    assert.deepEqual(await g('priority'), ['High:2', 'Normal:3', 'Low:2']);
    assert.deepEqual(await g('outcome'), ['No outcome:6', 'Won:1']);
    assert.deepEqual(await g('flow'), ['Onboarding:6', 'Renewal:1']);
    assert.deepEqual(await g('account'), ['Acme:6', 'Beta:1']);
  });

  it('team B sees only team B tasks in the collection, counts, lists and CSV', async () => {
    const b = api(t, w.tokens.standardB);
    assert.deepEqual(await titles(w.tokens.standardB, '/api/v1/tasks?status=all'), ['teamB']);
    assert.deepEqual((await b.get('/api/v1/tasks?status=all&groupBy=account')).json().groups, [
      { key: w.betaB.id, label: 'Beta', count: 1 },
    ]);
    assert.deepEqual(
      await titles(w.tokens.standardB, `/api/v1/tasks?accountId=${w.acmeA.id}&status=all`),
      [],
    );
    const csv = (await b.get('/api/v1/tasks/export.csv?status=all')).body.trim().split('\r\n');
    assert.equal(csv.length, 2);
    assert.doesNotMatch(csv.join('\n'), /overdueHigh|Acme/);
  });

  it('exports CSV as an attachment with quoting and formula cells neutralised', async () => {
    await t.deps.db
      .update(tasks)
      .set({ title: 'Say "hi", then\nleave' })
      .where(eq(tasks.id, ids.pastLow!));
    await t.deps.db.update(tasks).set({ title: '@SUM(A1)' }).where(eq(tasks.id, ids.contactTask!));
    await t.deps.db
      .update(tasks)
      .set({ title: '=HYPERLINK("http://evil")' })
      .where(eq(tasks.id, ids.teamB!));
    const res = await api(t, w.tokens.admin).get('/api/v1/tasks/export.csv?status=all');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="tasks-2026-03-04.csv"$/,
    );
    const text = res.body;
    assert.ok(text.startsWith('id,title,account,'));
    assert.ok(text.includes(`'=HYPERLINK(""http://evil"")`), text);
    assert.ok(text.includes(`,'@SUM(A1),`), text);
    assert.ok(text.includes('"Say ""hi"", then\nleave"'), text);
    assert.doesNotMatch(text, /,=HYPERLINK|,@SUM/);
    assert.equal(text.split('\r\n').filter(Boolean).length, 1 + 7);
    const filtered = await api(t, w.tokens.admin).get('/api/v1/tasks/export.csv?due=overdue');
    assert.equal(filtered.body.split('\r\n').filter(Boolean).length, 1 + 3);
  });

  it('refuses a tampered cursor with the one error shape', async () => {
    for (const cursor of [
      'nope',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('[1,"2026-01-01","x","y"]').toString('base64url'),
    ]) {
      const res = await api(t, w.tokens.admin).get(`/api/v1/tasks?cursor=${cursor}`);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.details[0].path, 'query.cursor');
    }
  });
});

describe('cursor pagination', () => {
  let t: TestContext;
  let w: World;
  before(async () => ({ t, w } = await world('p1')));
  after(() => t.close());

  it('returns every task exactly once, in work order, across pages (ties broken by id)', async () => {
    for (let i = 0; i < 23; i++) {
      // Same clock instant for groups of tasks: ties on created_at must still page correctly.
      if (i % 4 === 0) t.clock.advanceMs(1);
      await createTodo(t, w, {
        title: `T${i}`,
        priority: priorities[i % 3],
        dueDate: `2026-03-${String(10 + (i % 5)).padStart(2, '0')}`,
      });
    }
    for (const url of ['/api/v1/tasks', '/api/v1/me/work', `/api/v1/accounts/${w.acmeA.id}/work`]) {
      const seen: Item[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await api(t, w.tokens.standard).get(
          `${url}?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        );
        assert.equal(res.statusCode, 200, res.body);
        seen.push(...res.json().data);
        cursor = res.json().nextCursor;
        pages++;
      } while (cursor);
      assert.equal(pages, 5, url);
      assert.equal(seen.length, 23);
      assert.equal(new Set(seen.map((s) => s.id)).size, 23);
      const sorted = [...seen].sort(
        (a, b) =>
          priorityLevel[a.priority as Priority] - priorityLevel[b.priority as Priority] ||
          a.dueDate.localeCompare(b.dueDate) ||
          a.createdAt.localeCompare(b.createdAt) ||
          a.id.localeCompare(b.id),
      );
      assert.deepEqual(
        seen.map((s) => s.id),
        sorted.map((s) => s.id),
        url,
      );
    }
  });

  it('pages across rows whose created_at has microseconds (rows written by other code paths)', async () => {
    await t.deps.db.execute(
      `update tasks set created_at = '2026-03-01T10:00:00.123456Z'::timestamptz`,
    );
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const res = await api(t, w.tokens.admin).get(
        `/api/v1/tasks?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const item of res.json().data) {
        assert.ok(!seen.has(item.id), 'served twice');
        seen.add(item.id);
      }
      cursor = res.json().nextCursor;
    } while (cursor);
    assert.equal(seen.size, 23);
  });

  it('every visibility strategy (per-row team check, account list, account-driven) pages the same list', async () => {
    const [extra] = await t.deps.db
      .insert(accounts)
      .values({ workspaceId: w.workspace.id, externalId: 'p1-extra', name: 'Extra' })
      .returning();
    await t.deps.db
      .insert(accountTeams)
      .values({ workspaceId: w.workspace.id, accountId: extra!.id, teamId: w.teamA.id });
    for (let i = 0; i < 9; i++)
      await createTodo(t, w, {
        accountId: extra!.id,
        title: `E${i}`,
        priority: ['low', 'high', 'normal'][i % 3],
        dueDate: `2026-03-1${i}`,
      });
    await createTodo(t, w, {
      accountId: w.betaB.id,
      assignee: { userId: w.users.standardB.id },
      title: 'hidden',
    });
    const standard = actor(w.users.standard, [w.teamA.id]);
    const today = '2026-03-02';
    const walk = async (visibility: Visibility, filters: TaskFilters, driving: boolean) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await taskPage(t.deps.db, {
          branches: taskFilterBranches(standard, filters, today, visibility),
          cursor,
          limit: 4,
          today,
          drivingAccounts: driving && visibility.kind === 'accounts' ? visibility.ids : undefined,
        });
        ids.push(...page.data.map((d) => d.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    };
    const resolved = await resolveVisibility(t.deps.db, standard);
    assert.equal(resolved.kind, 'accounts');
    for (const filters of [{}, { status: 'all' as const }, { priority: 'high' as const }]) {
      const reference = await walk({ kind: 'teams' }, filters, false);
      assert.ok(reference.length >= 9);
      assert.deepEqual(await walk(resolved, filters, false), reference);
      assert.deepEqual(await walk(resolved, filters, true), reference);
      const api1 = await api(t, w.tokens.standard).get(
        `/api/v1/tasks?limit=200${filters.status ? '&status=all' : ''}${filters.priority ? '&priority=high' : ''}`,
      );
      assert.deepEqual(
        api1.json().data.map((d: { id: string }) => d.id),
        reference,
      );
    }
  });
});
