import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { changeEvents, emailOutbox, tasks, timelineEvents } from '../db/schema/index.ts';
import type { TestContext } from '../test/harness.ts';
import { api, createTodo, snapshot, world, type World } from './test-fixtures.ts';

describe('editing and deleting tasks', () => {
  let t: TestContext;
  let w: World;
  before(async () => ({ t, w } = await world()));
  after(() => t.close());

  it('edits title, description, due date and priority with the version read', async () => {
    const task = await createTodo(t, w);
    const res = await api(t, w.tokens.standard).patch(`/api/v1/tasks/${task.id}`, {
      version: 1,
      title: 'Call the CFO',
      description: '<p>New <script>x()</script>plan</p>',
      dueDate: '2026-04-01',
      priority: 'low',
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.version, 2);
    assert.equal(res.headers.etag, '"2"');
    assert.equal(body.title, 'Call the CFO');
    assert.equal(body.description, '<p>New plan</p>');
    assert.equal(body.dueDate, '2026-04-01');
    assert.equal(body.priority, 'low');
    const changes = await t.deps.db
      .select()
      .from(changeEvents)
      .where(and(eq(changeEvents.entityId, task.id), eq(changeEvents.kind, 'updated')));
    assert.equal(changes.length, 1);
  });

  it('accepts If-Match instead of a body version, and needs one of them', async () => {
    const task = await createTodo(t, w);
    const a = api(t, w.tokens.standard);
    const missing = await a.patch(`/api/v1/tasks/${task.id}`, { title: 'x' });
    assert.equal(missing.statusCode, 428);
    assert.equal(missing.json().error.code, 'precondition_required');
    const ok = await a.patch(
      `/api/v1/tasks/${task.id}`,
      { title: 'Renamed' },
      { 'if-match': '"1"' },
    );
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().title, 'Renamed');
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const task = await createTodo(t, w);
    const a = api(t, w.tokens.standard);
    assert.equal(
      (await a.patch(`/api/v1/tasks/${task.id}`, { version: 1, title: 'First' })).statusCode,
      200,
    );
    const before = await snapshot(t, w);
    const stale = await a.patch(`/api/v1/tasks/${task.id}`, {
      version: 1,
      title: 'Second',
      assignee: { userId: w.users.advanced.id },
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'version_conflict');
    assert.deepEqual(await snapshot(t, w), before);
    assert.equal((await a.get(`/api/v1/tasks/${task.id}`)).json().title, 'First');
  });

  it('a manual reassignment writes task_reassigned naming the previous and new assignee, and mails the new one', async () => {
    const task = await createTodo(t, w, { assignee: { userId: w.users.standard.id } });
    const mailsBefore = (
      await t.deps.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.toAddress, 'advanced@w1.test'))
    ).length;
    const res = await api(t, w.tokens.standard).patch(`/api/v1/tasks/${task.id}`, {
      version: 1,
      assignee: { userId: w.users.advanced.id },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().assignee.id, w.users.advanced.id);
    const [event] = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.taskId, task.id), eq(timelineEvents.type, 'task_reassigned')));
    assert.deepEqual(event!.payload.previousAssignee, {
      type: 'user',
      id: w.users.standard.id,
      name: 'Sam Standard',
    });
    assert.deepEqual(event!.payload.newAssignee, {
      type: 'user',
      id: w.users.advanced.id,
      name: 'Avery Advanced',
    });
    assert.equal(event!.userId, w.users.advanced.id);
    assert.equal(
      (
        await t.deps.db
          .select()
          .from(emailOutbox)
          .where(eq(emailOutbox.toAddress, 'advanced@w1.test'))
      ).length,
      mailsBefore + 1,
    );
    // To a contact: named too, and no e-mail to anyone.
    const emails = (await snapshot(t, w)).emails;
    await api(t, w.tokens.standard).patch(`/api/v1/tasks/${task.id}`, {
      version: 2,
      assignee: { contactId: w.contacts.c2.id },
    });
    const events = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.taskId, task.id), eq(timelineEvents.type, 'task_reassigned')))
      .orderBy(timelineEvents.id);
    assert.deepEqual(events[1]!.payload.newAssignee, {
      type: 'contact',
      id: w.contacts.c2.id,
      name: 'Dan Doe',
    });
    assert.equal((await snapshot(t, w)).emails, emails);
  });

  it('a reassignment clears the fallback reason and refuses an invalid assignee', async () => {
    const task = await createTodo(t, w);
    await t.deps.db
      .update(tasks)
      .set({ fallbackReason: 'role_empty', source: 'play' })
      .where(eq(tasks.id, task.id));
    const a = api(t, w.tokens.admin);
    const bad = await a.patch(`/api/v1/tasks/${task.id}`, {
      version: 1,
      assignee: { userId: w.users.standardB.id },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details[0].path, 'body.assignee.userId');
    const ok = await a.patch(`/api/v1/tasks/${task.id}`, {
      version: 1,
      assignee: { userId: w.users.advanced.id },
    });
    assert.equal(ok.json().fallbackReason, null);
    assert.equal(ok.json().assignee.id, w.users.advanced.id);
    const back = await a.patch(`/api/v1/tasks/${task.id}`, {
      version: 2,
      assignee: { roleId: w.roles.successManager.id },
    });
    assert.deepEqual(back.json().assignee, {
      type: 'user',
      id: w.users.standard.id,
      name: 'Sam Standard',
      roleId: w.roles.successManager.id,
    });
  });

  it('completed tasks are immutable: edit and delete answer 409 and change nothing', async () => {
    const task = await createTodo(t, w);
    const a = api(t, w.tokens.standard);
    assert.equal((await a.post(`/api/v1/tasks/${task.id}/complete`, {})).statusCode, 200);
    const before = await snapshot(t, w);
    for (const res of [
      await a.patch(`/api/v1/tasks/${task.id}`, { version: 2, title: 'Too late' }),
      await a.patch(`/api/v1/tasks/${task.id}`, { version: 2, dueDate: '2027-01-01' }),
      await a.del(`/api/v1/tasks/${task.id}`),
      await a.post(`/api/v1/tasks/${task.id}/complete`, {}),
    ]) {
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().error.code, 'conflict');
    }
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('team B cannot read, edit, complete or delete team A tasks (404) and nothing changes', async () => {
    const task = await createTodo(t, w);
    const b = api(t, w.tokens.standardB);
    const before = await snapshot(t, w);
    for (const res of [
      await b.get(`/api/v1/tasks/${task.id}`),
      await b.patch(`/api/v1/tasks/${task.id}`, { version: 1, title: 'Mine now' }),
      await b.post(`/api/v1/tasks/${task.id}/complete`, {}),
      await b.del(`/api/v1/tasks/${task.id}`),
    ])
      assert.equal(res.statusCode, 404);
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('a deleted task is gone from GET, my work, account work, the collection, group counts and CSV', async () => {
    const keep = await createTodo(t, w, {
      title: 'Keep me',
      assignee: { userId: w.users.advanced.id },
    });
    const gone = await createTodo(t, w, {
      title: 'Delete me',
      assignee: { userId: w.users.advanced.id },
    });
    const a = api(t, w.tokens.advanced);
    const ids = async (url: string) =>
      (await a.get(url)).json().data.map((x: { id: string }) => x.id) as string[];
    const groupTotal = async () =>
      (await a.get('/api/v1/tasks?assignee=me&groupBy=status&status=all'))
        .json()
        .groups.reduce((n: number, g: { count: number }) => n + g.count, 0) as number;
    const totalBefore = await groupTotal();
    assert.ok((await ids('/api/v1/me/work')).includes(gone.id));

    const del = await a.del(`/api/v1/tasks/${gone.id}`, { 'if-match': '"1"' });
    assert.equal(del.statusCode, 204);
    const [row] = await t.deps.db.select().from(tasks).where(eq(tasks.id, gone.id));
    assert.equal(row!.status, 'deleted');
    assert.ok(row!.deletedAt);

    assert.equal((await a.get(`/api/v1/tasks/${gone.id}`)).statusCode, 404);
    for (const url of [
      '/api/v1/me/work?status=all',
      `/api/v1/accounts/${w.acmeA.id}/work?status=all`,
      '/api/v1/tasks?status=all&limit=200',
    ]) {
      const list = await ids(url);
      assert.ok(list.includes(keep.id), url);
      assert.ok(!list.includes(gone.id), url);
    }
    assert.equal(await groupTotal(), totalBefore - 1);
    const csv = (await a.get('/api/v1/tasks/export.csv?status=all')).body;
    assert.match(csv, /Keep me/);
    assert.doesNotMatch(csv, /Delete me/);
    assert.equal((await a.del(`/api/v1/tasks/${gone.id}`)).statusCode, 404);
  });

  it('delete with a stale If-Match is refused', async () => {
    const task = await createTodo(t, w);
    const res = await api(t, w.tokens.standard).del(`/api/v1/tasks/${task.id}`, {
      'if-match': '"7"',
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'version_conflict');
    assert.equal((await api(t, w.tokens.standard).get(`/api/v1/tasks/${task.id}`)).statusCode, 200);
  });
});
