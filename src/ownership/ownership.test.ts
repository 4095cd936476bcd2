import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import {
  accountRoleHolders,
  accountRoles,
  accounts,
  accountTeams,
  changeEvents,
  emailOutbox,
  tasks,
  timelineEvents,
  users,
  workspaces,
} from '../db/schema/index.ts';
import type { OwnershipPolicy } from './policy.ts';

describe('account role changes and the ownership policy', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let csm: { id: string };
  let sales: { id: string };
  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps, 'own1');
    [csm, sales] = (await t.deps.db
      .insert(accountRoles)
      .values([
        { workspaceId: w.workspace.id, name: 'Success Manager' },
        { workspaceId: w.workspace.id, name: 'Sales Manager' },
      ])
      .returning()) as unknown as [{ id: string }, { id: string }];
  });
  after(() => t.close());

  const put = (
    accountId: string,
    roleId: string,
    userId: string | null,
    token = w.tokens.standard,
  ) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/accounts/${accountId}/roles/${roleId}`,
      headers: bearer(token),
      payload: { userId },
    });

  /** A team-A account whose Success Manager is Sam, with one task of every kind that must or must not move. */
  async function scenario(policy: OwnershipPolicy, label: string) {
    const ws = w.workspace.id;
    await t.deps.db
      .update(workspaces)
      .set({
        settings: sql`jsonb_set(${workspaces.settings}, '{ownershipPolicy}', ${JSON.stringify(policy)}::jsonb)`,
      })
      .where(eq(workspaces.id, ws));
    const [account] = await t.deps.db
      .insert(accounts)
      .values({ workspaceId: ws, externalId: `own-${label}`, name: `Owned ${label}` })
      .returning();
    const [elsewhere] = await t.deps.db
      .insert(accounts)
      .values({ workspaceId: ws, externalId: `else-${label}`, name: `Else ${label}` })
      .returning();
    await t.deps.db.insert(accountTeams).values([
      { workspaceId: ws, accountId: account!.id, teamId: w.teamA.id },
      { workspaceId: ws, accountId: elsewhere!.id, teamId: w.teamA.id },
    ]);
    await t.deps.db.insert(accountRoleHolders).values({
      workspaceId: ws,
      accountId: account!.id,
      roleId: csm.id,
      userId: w.users.standard.id,
    });
    const base = {
      workspaceId: ws,
      accountId: account!.id,
      kind: 'todo' as const,
      description: 'd',
      flowId: w.flow.id,
      dueDate: '2026-03-10',
      assigneeUserId: w.users.standard.id,
    };
    const rows = await t.deps.db
      .insert(tasks)
      .values([
        { ...base, title: 'manual open', source: 'manual' },
        { ...base, title: 'play open', source: 'play' },
        { ...base, title: 'template open', source: 'template', assigneeRoleId: csm.id },
        {
          ...base,
          title: 'play completed',
          source: 'play',
          status: 'completed',
          completedAt: new Date(),
        },
        {
          ...base,
          title: 'play deleted',
          source: 'play',
          status: 'deleted',
          deletedAt: new Date(),
        },
        { ...base, title: 'other user', source: 'play', assigneeUserId: w.users.admin.id },
        { ...base, title: 'other role', source: 'play', assigneeRoleId: sales.id },
        { ...base, title: 'other account', source: 'play', accountId: elsewhere!.id },
      ])
      .returning();
    const id = (title: string) => rows.find((r) => r.title === title)!.id;
    return { account: account!, id, all: rows.map((r) => r.id) };
  }

  async function assigned(ids: string[]) {
    const rows = await t.deps.db
      .select({ title: tasks.title, to: tasks.assigneeUserId, version: tasks.version })
      .from(tasks)
      .where(inArray(tasks.id, ids));
    return rows
      .filter((r) => r.to === w.users.advanced.id)
      .map((r) => r.title)
      .sort();
  }

  for (const [policy, expected] of [
    ['ownership_only', []],
    ['reassign_except_manual', ['play open', 'template open']],
    ['reassign_all', ['manual open', 'play open', 'template open']],
  ] as Array<[OwnershipPolicy, string[]]>) {
    it(`${policy}: moves exactly ${expected.length ? expected.join(', ') : 'nothing'}`, async () => {
      const s = await scenario(policy, policy);
      const mailBefore = (
        await t.deps.db
          .select()
          .from(emailOutbox)
          .where(eq(emailOutbox.toAddress, w.users.advanced.email))
      ).length;
      const res = await put(s.account.id, csm.id, w.users.advanced.id);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().movedTasks, expected.length);
      assert.equal(res.json().version, 2);
      assert.deepEqual(await assigned(s.all), expected);
      const [holder] = await t.deps.db
        .select()
        .from(accountRoleHolders)
        .where(
          and(
            eq(accountRoleHolders.accountId, s.account.id),
            eq(accountRoleHolders.roleId, csm.id),
          ),
        );
      assert.equal(holder!.userId, w.users.advanced.id);

      const moved = (await t.deps.db.select().from(tasks).where(inArray(tasks.id, s.all))).filter(
        (r) => r.assigneeUserId === w.users.advanced.id,
      );
      assert.ok(
        moved.every((r) => r.version === 2),
        'moved tasks get a new version',
      );
      const untouched = (
        await t.deps.db.select().from(tasks).where(inArray(tasks.id, s.all))
      ).filter((r) => r.assigneeUserId !== w.users.advanced.id);
      assert.ok(untouched.every((r) => r.version === 1));
      // Automatic reassignment: change events, but no timeline event for the tasks.
      const taskChanges = moved.length
        ? await t.deps.db
            .select()
            .from(changeEvents)
            .where(
              inArray(
                changeEvents.entityId,
                moved.map((r) => r.id),
              ),
            )
        : [];
      assert.equal(taskChanges.length, expected.length);
      assert.ok(taskChanges.every((c) => c.entity === 'task' && c.kind === 'updated'));
      const taskTimeline = await t.deps.db
        .select()
        .from(timelineEvents)
        .where(inArray(timelineEvents.taskId, s.all));
      assert.deepEqual(taskTimeline, []);
      const accountTimeline = await t.deps.db
        .select()
        .from(timelineEvents)
        .where(eq(timelineEvents.accountId, s.account.id));
      assert.deepEqual(
        accountTimeline.map((e) => e.type),
        ['role_changed'],
      );
      const accountChanges = await t.deps.db
        .select()
        .from(changeEvents)
        .where(eq(changeEvents.entityId, s.account.id));
      assert.deepEqual(
        accountChanges.map((c) => c.kind),
        ['updated'],
      );
      // The new holder is told about the moved tasks (one e-mail), and only when some moved.
      const mail = await t.deps.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.toAddress, w.users.advanced.email));
      assert.equal(mail.length - mailBefore, expected.length ? 1 : 0);
      if (expected.length)
        assert.match(
          mail.at(-1)!.subject,
          new RegExp(`^${expected.length} tasks on Owned ${policy}`),
        );
    });
  }

  it('clearing a role moves nothing; setting the same holder again is a no-op', async () => {
    const s = await scenario('reassign_all', 'clear');
    const same = await put(s.account.id, csm.id, w.users.standard.id);
    assert.deepEqual(same.json(), { movedTasks: 0, version: 1 });
    const cleared = await put(s.account.id, csm.id, null);
    assert.equal(cleared.json().movedTasks, 0);
    assert.equal(
      (
        await t.deps.db
          .select()
          .from(accountRoleHolders)
          .where(eq(accountRoleHolders.accountId, s.account.id))
      ).length,
      0,
    );
    assert.deepEqual(await assigned(s.all), []);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${s.account.id}`,
      headers: bearer(w.tokens.standard),
    });
    assert.deepEqual(
      detail
        .json()
        .roleHolders.map((r: { roleName: string; user: unknown }) => [r.roleName, r.user]),
      [
        ['Sales Manager', null],
        ['Success Manager', null],
      ],
    );
  });

  it('the new holder must be an enabled user of the workspace; hidden accounts answer 404', async () => {
    const s = await scenario('reassign_all', 'checks');
    const [disabled] = await t.deps.db
      .insert(users)
      .values({
        workspaceId: w.workspace.id,
        email: 'gone@own1.test',
        name: 'Gone',
        enabled: false,
      })
      .returning();
    const other = await seedWorkspace(t.deps, 'own2');
    for (const userId of [disabled!.id, other.users.admin.id]) {
      const res = await put(s.account.id, csm.id, userId);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.details[0].path, 'body.userId');
    }
    assert.equal(
      (await put(s.account.id, csm.id, w.users.advanced.id, w.tokens.standardB)).statusCode,
      404,
    );
    assert.equal(
      (await put(s.account.id, '00000000-0000-4000-8000-000000000000', w.users.advanced.id))
        .statusCode,
      404,
    );
    assert.deepEqual(await assigned(s.all), []);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${s.account.id}`,
      headers: bearer(w.tokens.standard),
    });
    const holder = detail.json().roleHolders.find((r: { roleId: string }) => r.roleId === csm.id);
    assert.deepEqual(holder.user, { id: w.users.standard.id, name: 'Sam Standard' });
  });
});
