import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { actor, type TestContext } from '../test/harness.ts';
import { bearer, PASSWORD, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import {
  accountRoleHolders,
  accountRoles,
  accounts,
  changeEvents,
  emailOutbox,
  sessions,
  tasks,
  timelineEvents,
  users,
} from '../db/schema/index.ts';
import { disableUser } from './disable-user.ts';
import { registerUserHandover } from './handovers.ts';

describe('disabling a user', () => {
  let t: TestContext, w: Seeded;
  const ids: Record<string, string> = {};
  before(async () => {
    ({ t, w } = await oneWorkspace());
    const ws = w.workspace.id;
    const sam = w.users.standard.id;
    const base = {
      workspaceId: ws,
      accountId: w.acmeA.id,
      kind: 'todo' as const,
      description: 'd',
      flowId: w.flow.id,
      dueDate: '2026-03-10',
    };
    const rows = await t.deps.db
      .insert(tasks)
      .values([
        { ...base, title: 'open 1', assigneeUserId: sam },
        { ...base, title: 'open 2', assigneeUserId: sam, version: 4 },
        {
          ...base,
          title: 'done',
          assigneeUserId: sam,
          status: 'completed',
          completedAt: new Date('2026-03-01T10:00:00Z'),
        },
        {
          ...base,
          title: 'deleted',
          assigneeUserId: sam,
          status: 'deleted',
          deletedAt: new Date('2026-03-01T10:00:00Z'),
        },
        {
          ...base,
          title: 'someone else',
          assigneeUserId: w.users.advanced.id,
          accountabilityUserId: sam,
          source: 'play' as const,
        },
      ])
      .returning();
    for (const r of rows) ids[r.title] = r.id;
    const [csm] = await t.deps.db
      .insert(accountRoles)
      .values({ workspaceId: ws, name: 'Success Manager' })
      .returning();
    ids.role = csm!.id;
    await t.deps.db
      .insert(accountRoleHolders)
      .values({ workspaceId: ws, accountId: w.acmeA.id, roleId: csm!.id, userId: sam });
  });
  after(() => t.close());

  const disable = (token: string, id: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${id}/disable`,
      headers: bearer(token),
      payload,
    });
  const login = (email: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: PASSWORD },
    });
  const samRow = async () =>
    (await t.deps.db.select().from(users).where(eq(users.id, w.users.standard.id)))[0]!;

  it('is admin-only and needs a valid receiver; refusals change nothing', async () => {
    const sam = w.users.standard.id;
    for (const token of [w.tokens.standard, w.tokens.advanced]) {
      const res = await disable(token, sam, { transferToUserId: w.users.advanced.id });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'forbidden');
    }
    const missing = await disable(w.tokens.admin, sam, {});
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.details[0].path, 'body.transferToUserId');
    const toSelf = await disable(w.tokens.admin, sam, { transferToUserId: sam });
    assert.equal(toSelf.statusCode, 400);
    assert.equal(toSelf.json().error.details[0].path, 'body.transferToUserId');
    const unknown = await disable(w.tokens.admin, sam, {
      transferToUserId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(unknown.statusCode, 400);

    await t.deps.db.update(users).set({ enabled: false }).where(eq(users.id, w.users.standardB.id));
    const toDisabled = await disable(w.tokens.admin, sam, {
      transferToUserId: w.users.standardB.id,
    });
    assert.equal(toDisabled.statusCode, 400);
    assert.match(toDisabled.json().error.message, /disabled/);
    await t.deps.db.update(users).set({ enabled: true }).where(eq(users.id, w.users.standardB.id));

    const self = await disable(w.tokens.admin, w.users.admin.id, {
      transferToUserId: w.users.advanced.id,
    });
    assert.equal(self.statusCode, 422);
    assert.equal(self.json().error.code, 'unprocessable');
    assert.equal(
      (await t.deps.db.select().from(users).where(eq(users.id, w.users.admin.id)))[0]!.enabled,
      true,
    );

    assert.equal((await samRow()).enabled, true);
    const [open1] = await t.deps.db.select().from(tasks).where(eq(tasks.id, ids['open 1']!));
    assert.equal(open1!.assigneeUserId, sam);
  });

  it('a failing handover rolls the whole disable back', async () => {
    registerUserHandover({
      name: 'test-probe',
      run: async () => {
        throw new Error('boom');
      },
      describe: () => [],
    });
    try {
      const res = await disable(w.tokens.admin, w.users.standard.id, {
        transferToUserId: w.users.advanced.id,
      });
      assert.equal(res.statusCode, 500);
    } finally {
      registerUserHandover({
        name: 'test-probe',
        run: async (ctx) => ({ probeSawReceiver: ctx.to.id === w.users.advanced.id ? 1 : 0 }),
        describe: (c, to) => [`probe saw ${to}: ${c.probeSawReceiver}`],
      });
    }
    assert.equal((await samRow()).enabled, true);
    const [open1] = await t.deps.db.select().from(tasks).where(eq(tasks.id, ids['open 1']!));
    assert.equal(open1!.assigneeUserId, w.users.standard.id);
    assert.equal(open1!.version, 1);
  });

  it('ends sessions, refuses tokens, and hands open tasks and roles to the receiver in one go', async () => {
    const sam = w.users.standard.id;
    const avery = w.users.advanced.id;
    const s = await login('standard@w1.test');
    const cookie = s.cookies.find((c) => c.name === 'pm_session')!.value;
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { pm_session: cookie } }))
        .statusCode,
      200,
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(w.tokens.standard) }))
        .statusCode,
      200,
      'the token works before',
    );
    const eventsBefore = (await t.deps.db.select().from(changeEvents)).length;

    const res = await disable(w.tokens.admin, sam, { transferToUserId: avery });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.user.enabled, false);
    assert.deepEqual(body.handover, {
      tasksReassigned: 2,
      accountabilityMoved: 1,
      tasksOnAccountsReceiverCannotSee: 0,
      roleHoldingsMoved: 1,
      playsHandedOver: 0,
      probeSawReceiver: 1,
    });
    assert.deepEqual(body.report, [
      '2 open tasks handed over to Avery Advanced',
      'Avery Advanced is now accountable for 1 open play task',
      '1 account role handed over to Avery Advanced',
      'probe saw Avery Advanced: 1',
    ]);

    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { pm_session: cookie } }))
        .statusCode,
      401,
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(w.tokens.standard) }))
        .statusCode,
      401,
    );
    assert.equal((await login('standard@w1.test')).statusCode, 401);
    assert.equal(
      (await t.deps.db.select().from(sessions).where(eq(sessions.userId, sam))).length,
      0,
    );

    const rows = new Map((await t.deps.db.select().from(tasks)).map((r) => [r.title, r]));
    assert.equal(rows.get('open 1')!.assigneeUserId, avery);
    assert.equal(rows.get('open 1')!.version, 2);
    assert.equal(rows.get('open 2')!.assigneeUserId, avery);
    assert.equal(rows.get('open 2')!.version, 5);
    assert.equal(rows.get('done')!.assigneeUserId, sam, 'completed tasks keep their history');
    assert.equal(rows.get('done')!.version, 1);
    assert.equal(rows.get('deleted')!.assigneeUserId, sam);
    assert.equal(rows.get('someone else')!.assigneeUserId, avery);
    assert.equal(rows.get('someone else')!.accountabilityUserId, avery);

    const events = (await t.deps.db.select().from(changeEvents)).slice(eventsBefore);
    assert.deepEqual(
      events
        .filter((e) => e.entity === 'task')
        .map((e) => e.entityId)
        .sort(),
      [ids['open 1'], ids['open 2'], ids['someone else']].sort(),
    );
    assert.ok(events.some((e) => e.entity === 'account' && e.entityId === w.acmeA.id));

    const timeline = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(eq(timelineEvents.type, 'task_reassigned'));
    assert.deepEqual(timeline.map((e) => e.taskId).sort(), [ids['open 1'], ids['open 2']].sort());
    for (const e of timeline) {
      assert.equal(e.payload.reason, 'user_disabled');
      assert.deepEqual(e.payload.previousAssignee, { type: 'user', id: sam, name: 'Sam Standard' });
      assert.deepEqual(e.payload.newAssignee, { type: 'user', id: avery, name: 'Avery Advanced' });
    }
    const [holder] = await t.deps.db
      .select()
      .from(accountRoleHolders)
      .where(eq(accountRoleHolders.roleId, ids.role!));
    assert.equal(holder!.userId, avery);
    const [acme] = await t.deps.db.select().from(accounts).where(eq(accounts.id, w.acmeA.id));
    assert.equal(acme!.version, 2, 'role holders are part of the account');
    const [roleEvent] = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(eq(timelineEvents.type, 'role_changed'));
    assert.deepEqual(roleEvent!.payload, {
      roleId: ids.role,
      roleName: 'Success Manager',
      fromUserId: sam,
      fromUserName: 'Sam Standard',
      toUserId: avery,
      toUserName: 'Avery Advanced',
      movedTasks: 0,
      reason: 'user_disabled',
    });
    const mail = await t.deps.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, 'tasks_handed_over'));
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.toAddress, 'advanced@w1.test');

    const again = await disable(w.tokens.admin, sam, { transferToUserId: avery });
    assert.equal(again.statusCode, 409);
    const list = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/users?enabled=false',
        headers: bearer(w.tokens.standardB),
      })
    ).json();
    assert.deepEqual(
      list.data.map((u: { id: string }) => u.id),
      [sam],
    );
  });

  it('enabling lets the user sign in again, but never revives their old API tokens', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${w.users.standard.id}/enable`,
      headers: bearer(w.tokens.advanced),
    });
    assert.equal(refused.statusCode, 403);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${w.users.standard.id}/enable`,
      headers: bearer(w.tokens.admin),
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().enabled, true);
    assert.equal((await login('standard@w1.test')).statusCode, 200);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: bearer(w.tokens.standard),
    });
    assert.equal(me.statusCode, 401, 'a token from before the disable stays revoked (ASVS 7.4.2)');
  });

  it('never disables the last enabled admin, even from a stale admin caller', async () => {
    // A second admin who has just been disabled elsewhere still holds an Actor mid-request.
    const [ghost] = await t.deps.db
      .insert(users)
      .values({
        workspaceId: w.workspace.id,
        email: 'ghost@w1.test',
        name: 'Ghost',
        role: 'admin',
        enabled: false,
      })
      .returning();
    await assert.rejects(
      disableUser(t.deps, actor(ghost!), w.users.admin.id, w.users.advanced.id),
      (err: { code?: string }) => err.code === 'unprocessable',
    );
    const [admin] = await t.deps.db
      .select()
      .from(users)
      .where(and(eq(users.id, w.users.admin.id), inArray(users.role, ['admin'])));
    assert.equal(admin!.enabled, true);
  });
});
