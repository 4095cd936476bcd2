import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import {
  changeEvents,
  emailOutbox,
  tasks,
  timelineEvents,
  users,
  workspaces,
} from '../db/schema/index.ts';
import type { TestContext } from '../test/harness.ts';
import { api, createTodo, seedWorld, snapshot, todo, world, type World } from './test-fixtures.ts';

describe('creating to-dos', () => {
  let t: TestContext;
  let w: World;
  before(async () => ({ t, w } = await world()));
  after(() => t.close());

  it('creates a to-do with contacts, assigned-by, source, timeline, change events and an assignment e-mail', async () => {
    const res = await api(t, w.tokens.advanced).post(
      '/api/v1/tasks',
      todo(w, {
        contactIds: [w.contacts.c1.id, w.contacts.c2.id],
        priority: 'high',
        outcomes: ['Interested', 'Not interested'],
      }),
    );
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.equal(res.headers.etag, '"1"');
    assert.equal(body.kind, 'todo');
    assert.equal(body.status, 'open');
    assert.equal(body.priority, 'high');
    assert.equal(body.source, 'manual');
    assert.deepEqual(body.assignee, {
      type: 'user',
      id: w.users.standard.id,
      name: 'Sam Standard',
      roleId: null,
    });
    assert.deepEqual(body.assignedBy, { id: w.users.advanced.id, name: 'Avery Advanced' });
    assert.deepEqual(body.outcomes, ['Interested', 'Not interested']);
    assert.deepEqual(body.contacts.map((c: { name: string }) => c.name).sort(), [
      'Carla Contact',
      'Dan Doe',
    ]);
    assert.deepEqual(body.account, { id: w.acmeA.id, name: 'Acme' });
    const timeline = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(eq(timelineEvents.taskId, body.id));
    assert.deepEqual(
      timeline.map((e) => [e.type, e.userId, e.actorId]),
      [['task_created', w.users.standard.id, w.users.advanced.id]],
    );
    const changes = await t.deps.db
      .select()
      .from(changeEvents)
      .where(eq(changeEvents.accountId, w.acmeA.id));
    assert.ok(
      changes.some((c) => c.entity === 'task' && c.entityId === body.id && c.kind === 'created'),
    );
    assert.ok(
      changes.some(
        (c) => c.entity === 'account' && c.entityId === w.acmeA.id && c.payload.taskId === body.id,
      ),
    );
    const mail = await t.deps.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'standard@w1.test'));
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.kind, 'task_assigned');
    assert.match(mail[0]!.textBody, /Call about renewal/);
  });

  it('sends no assignment e-mail to users who opted out unless the admin forces task e-mails', async () => {
    await t.deps.db
      .update(users)
      .set({ emailNotifications: false })
      .where(eq(users.id, w.users.advanced.id));
    const mails = () =>
      t.deps.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'advanced@w1.test'));
    await createTodo(t, w, { assignee: { userId: w.users.advanced.id } });
    assert.equal((await mails()).length, 0);
    await t.deps.db
      .update(workspaces)
      .set({
        settings: { ownershipPolicy: 'ownership_only', forceTaskEmails: true, aiText: false },
      })
      .where(eq(workspaces.id, w.workspace.id));
    await createTodo(t, w, { assignee: { userId: w.users.advanced.id } });
    assert.equal((await mails()).length, 1);
    await t.deps.db
      .update(workspaces)
      .set({
        settings: { ownershipPolicy: 'ownership_only', forceTaskEmails: false, aiText: false },
      })
      .where(eq(workspaces.id, w.workspace.id));
  });

  it('assigns to a contact of the account without any e-mail', async () => {
    const before = await snapshot(t, w);
    const task = await createTodo(t, w, { assignee: { contactId: w.contacts.c1.id } });
    assert.deepEqual(task.assignee, {
      type: 'contact',
      id: w.contacts.c1.id,
      name: 'Carla Contact',
      roleId: null,
    });
    assert.equal((await snapshot(t, w)).emails, before.emails);
  });

  it('resolves a role to its holder on the account and records the role', async () => {
    const task = await createTodo(t, w, { assignee: { roleId: w.roles.successManager.id } });
    assert.deepEqual(task.assignee, {
      type: 'user',
      id: w.users.standard.id,
      name: 'Sam Standard',
      roleId: w.roles.successManager.id,
    });
    const [row] = await t.deps.db.select().from(tasks).where(eq(tasks.id, task.id));
    assert.equal(row!.assigneeRoleId, w.roles.successManager.id);
  });

  const refusals: Array<[string, (w: World) => Record<string, unknown>, string]> = [
    [
      'an empty role',
      (w) => ({ assignee: { roleId: w.roles.salesManager.id } }),
      'body.assignee.roleId',
    ],
    ['a disabled user', (w) => ({ assignee: { userId: w.disabled.id } }), 'body.assignee.userId'],
    [
      'a user without access to the account',
      (w) => ({ assignee: { userId: w.users.standardB.id } }),
      'body.assignee.userId',
    ],
    [
      'a contact of another account',
      (w) => ({ assignee: { contactId: w.contacts.cB.id } }),
      'body.assignee.contactId',
    ],
    [
      'two assignees at once',
      (w) => ({ assignee: { userId: w.users.standard.id, contactId: w.contacts.c1.id } }),
      'body.assignee',
    ],
    [
      'an associated contact of another account',
      (w) => ({ contactIds: [w.contacts.c1.id, w.contacts.cB.id] }),
      'body.contactIds.1',
    ],
    ['an unknown flow', () => ({ flowId: '00000000-0000-4000-8000-000000000000' }), 'body.flowId'],
    ['an impossible due date', () => ({ dueDate: '2026-02-30' }), 'body.dueDate'],
    ['an unknown priority', () => ({ priority: 'urgent' }), 'body.priority'],
    ['a missing title', () => ({ title: '   ' }), 'body.title'],
    [
      'a description that is only a script',
      () => ({ description: '<script>alert(1)</script>' }),
      'body.description',
    ],
    ['wrong types', () => ({ title: 42, outcomes: 'Yes' }), 'body.title'],
  ];
  for (const [what, over, path] of refusals) {
    it(`refuses ${what} with the one error shape and writes nothing`, async () => {
      const before = await snapshot(t, w);
      const res = await api(t, w.tokens.admin).post('/api/v1/tasks', todo(w, over(w)));
      assert.equal(res.statusCode, 400, res.body);
      const { error } = res.json();
      assert.equal(error.code, 'validation_failed');
      assert.ok(
        error.details.some((d: { path: string }) => d.path === path),
        JSON.stringify(error.details),
      );
      assert.deepEqual(await snapshot(t, w), before);
    });
  }

  it('refuses malformed JSON', async () => {
    const before = await snapshot(t, w);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: { authorization: `Bearer ${w.tokens.admin}`, 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'bad_request');
    assert.deepEqual(await snapshot(t, w), before);
  });

  it("answers 404 for an account outside the creator's teams", async () => {
    const before = await snapshot(t, w);
    const res = await api(t, w.tokens.standardB).post(
      '/api/v1/tasks',
      todo(w, { assignee: { userId: w.users.standardB.id } }),
    );
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('strips scripts and javascript: links from descriptions but keeps safe formatting', async () => {
    const task = await createTodo(t, w, {
      description:
        '<p onclick="x()">Hi <b>there</b><script>alert(1)</script> <a href="javascript:alert(1)">bad</a> <a href="https://ok.test/x">good</a></p><img src="https://img.test/a.png" onerror="y()">',
    });
    const d = String(task.description);
    assert.doesNotMatch(d, /script|javascript:|onclick|onerror/i);
    assert.match(d, /<b>there<\/b>/);
    assert.match(d, /href="https:\/\/ok.test\/x"/);
    assert.match(d, /<img src="https:\/\/img.test\/a.png"/);
  });

  it('reads a task with its contacts and ETag; overdue follows the workspace date', async () => {
    const task = await createTodo(t, w, { dueDate: '2026-03-02', contactIds: [w.contacts.c2.id] });
    const a = api(t, w.tokens.standard);
    const res = await a.get(`/api/v1/tasks/${task.id}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers.etag, '"1"');
    assert.deepEqual(res.json().contacts, [
      { id: w.contacts.c2.id, name: 'Dan Doe', email: 'dan@acme.test' },
    ]);
    assert.equal(res.json().overdue, false);
    t.clock.advanceDays(1);
    assert.equal((await a.get(`/api/v1/tasks/${task.id}`)).json().overdue, true);
    // 23:30 UTC on the 2nd is already the 3rd in Tokyo, 14:30 on the 2nd in Los Angeles.
    t.clock.set('2026-03-02T23:30:00Z');
    await t.deps.db
      .update(workspaces)
      .set({ timeZone: 'Asia/Tokyo' })
      .where(eq(workspaces.id, w.workspace.id));
    assert.equal((await a.get(`/api/v1/tasks/${task.id}`)).json().overdue, true);
    await t.deps.db
      .update(workspaces)
      .set({ timeZone: 'America/Los_Angeles' })
      .where(eq(workspaces.id, w.workspace.id));
    assert.equal((await a.get(`/api/v1/tasks/${task.id}`)).json().overdue, false);
    await t.deps.db
      .update(workspaces)
      .set({ timeZone: 'UTC' })
      .where(eq(workspaces.id, w.workspace.id));
    t.clock.set('2026-03-02T09:00:00Z');
  });

  it('hides team A tasks from a team B user (404) and other workspaces', async () => {
    const task = await createTodo(t, w);
    assert.equal(
      (await api(t, w.tokens.standardB).get(`/api/v1/tasks/${task.id}`)).statusCode,
      404,
    );
    const w2 = await seedWorld(t, 'w2');
    assert.equal((await api(t, w2.tokens.admin).get(`/api/v1/tasks/${task.id}`)).statusCode, 404);
    // Another workspace's admin cannot put a task on this account either.
    const res = await api(t, w2.tokens.admin).post(
      '/api/v1/tasks',
      todo(w, { flowId: w2.flow.id, assignee: { userId: w2.users.admin.id } }),
    );
    assert.equal(res.statusCode, 404);
    assert.equal(
      (await t.deps.db.select().from(tasks).where(eq(tasks.workspaceId, w2.workspace.id))).length,
      0,
    );
    assert.equal((await api(t, w.tokens.admin).get('/api/v1/tasks/not-a-uuid')).statusCode, 400);
  });
});
