// Review findings on teams: account counts respect visibility; concurrent member edits do not 500.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { usingPostgres, type TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { whileAnotherTransactionHolds } from '../test/locks.ts';
import { and, eq } from 'drizzle-orm';
import { accounts, accountTeams, changeEvents, teams } from '../db/schema/index.ts';

describe('teams review', () => {
  let t: TestContext, w: Seeded;
  before(async () => ({ t, w } = await oneWorkspace()));
  after(() => t.close());

  it('counts only the accounts the caller can see', async () => {
    const [shared] = await t.deps.db
      .insert(accounts)
      .values({ workspaceId: w.workspace.id, externalId: 'shared', name: 'Shared' })
      .returning();
    await t.deps.db.insert(accountTeams).values([
      { workspaceId: w.workspace.id, accountId: shared!.id, teamId: w.teamA.id },
      { workspaceId: w.workspace.id, accountId: shared!.id, teamId: w.teamB.id },
    ]);
    const counts = async (token: string) =>
      Object.fromEntries(
        (await t.app.inject({ method: 'GET', url: '/api/v1/teams', headers: bearer(token) }))
          .json()
          .data.map((x: { name: string; accountCount: number }) => [x.name, x.accountCount]),
      );
    assert.deepEqual(await counts(w.tokens.admin), { 'Team A': 2, 'Team B': 2 });
    assert.deepEqual(await counts(w.tokens.standardB), { 'Team A': 1, 'Team B': 2 });
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/v1/teams/${w.teamA.id}`,
      headers: bearer(w.tokens.standardB),
    });
    assert.equal(one.json().accountCount, 1);
  });

  it('deleting a team bumps the version of, and records a change for, each account that loses it', async () => {
    const [both] = await t.deps.db
      .insert(accounts)
      .values({ workspaceId: w.workspace.id, externalId: 'both', name: 'Both' })
      .returning();
    const [extra] = await t.deps.db
      .insert(teams)
      .values({ workspaceId: w.workspace.id, name: 'Extra' })
      .returning();
    await t.deps.db.insert(accountTeams).values([
      { workspaceId: w.workspace.id, accountId: both!.id, teamId: w.teamA.id },
      { workspaceId: w.workspace.id, accountId: both!.id, teamId: extra!.id },
    ]);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/teams/${extra!.id}`,
      headers: bearer(w.tokens.admin),
    });
    assert.equal(res.statusCode, 204);
    const [after] = await t.deps.db.select().from(accounts).where(eq(accounts.id, both!.id));
    assert.equal(after!.version, 2);
    const events = await t.deps.db
      .select()
      .from(changeEvents)
      .where(and(eq(changeEvents.entityId, both!.id), eq(changeEvents.entity, 'account')));
    assert.deepEqual(
      events.map((e) => (e.payload as { changed?: string[] }).changed),
      [['teams']],
    );
  });

  it(
    'replaces members while another transaction adds the same member (no 500)',
    { skip: !usingPostgres() && 'needs two connections' },
    async () => {
      const res = await whileAnotherTransactionHolds(
        t,
        {
          sql: `insert into team_members (workspace_id, team_id, user_id) values ($1, $2, $3)`,
          params: [w.workspace.id, w.teamB.id, w.users.standard.id],
        },
        () =>
          t.app.inject({
            method: 'PUT',
            url: `/api/v1/teams/${w.teamB.id}/members`,
            headers: bearer(w.tokens.admin),
            payload: { userIds: [w.users.standardB.id, w.users.standard.id] },
          }),
      );
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        [...res.json().memberIds].sort(),
        [w.users.standardB.id, w.users.standard.id].sort(),
      );
    },
  );
});
