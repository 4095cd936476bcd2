import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { injectAs, twoWorkspaces, type Seeded } from '../test/fixtures.ts';
import { accountTeams, teamMembers, teams } from '../db/schema/index.ts';

describe('teams', () => {
  let t: TestContext, w: Seeded, w2: Seeded;
  before(async () => ({ t, w, w2 } = await twoWorkspaces()));
  after(() => t.close());

  const call = injectAs(() => t);

  it('lists the workspace’s teams with members and account counts to anyone signed in', async () => {
    const res = await call('GET', '/api/v1/teams', w.tokens.standardB);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(
      body.data.map((x: { name: string }) => x.name),
      ['Team A', 'Team B'],
    );
    const a = body.data[0];
    assert.deepEqual([...a.memberIds].sort(), [w.users.advanced.id, w.users.standard.id].sort());
    assert.equal(
      a.accountCount,
      0,
      "counts only accounts the caller can see (team A's are not visible to team B)",
    );
    assert.equal(body.nextCursor, null);
    const page = (await call('GET', '/api/v1/teams?limit=1', w.tokens.standard)).json();
    assert.equal(page.data.length, 1);
    const next = (
      await call('GET', `/api/v1/teams?limit=1&cursor=${page.nextCursor}`, w.tokens.standard)
    ).json();
    assert.deepEqual(
      next.data.map((x: { name: string }) => x.name),
      ['Team B'],
    );
  });

  it('every write is admin-only (403 in the one shape) and changes nothing', async () => {
    for (const token of [w.tokens.standard, w.tokens.advanced]) {
      const attempts = [
        await call('POST', '/api/v1/teams', token, { name: 'Sneaky' }),
        await call('PATCH', `/api/v1/teams/${w.teamA.id}`, token, { name: 'Renamed' }),
        await call('PUT', `/api/v1/teams/${w.teamA.id}/members`, token, { userIds: [] }),
        await call('DELETE', `/api/v1/teams/${w.teamB.id}`, token),
      ];
      for (const res of attempts) {
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().error.code, 'forbidden');
      }
    }
    const rows = await t.deps.db.select().from(teams).where(eq(teams.workspaceId, w.workspace.id));
    assert.deepEqual(rows.map((r) => r.name).sort(), ['Team A', 'Team B']);
    assert.equal(
      (await t.deps.db.select().from(teamMembers).where(eq(teamMembers.teamId, w.teamA.id))).length,
      2,
    );
  });

  it('creates, renames and refuses duplicate names (ignoring case) with 409', async () => {
    const created = await call('POST', '/api/v1/teams', w.tokens.admin, {
      name: 'EMEA',
      memberIds: [w.users.standardB.id],
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(created.json().memberIds, [w.users.standardB.id]);
    const id = created.json().id;
    for (const name of ['EMEA', 'emea', 'Team A']) {
      const dup = await call('POST', '/api/v1/teams', w.tokens.admin, { name });
      assert.equal(dup.statusCode, 409, name);
      assert.equal(dup.json().error.code, 'conflict');
    }
    assert.equal(
      (await call('PATCH', `/api/v1/teams/${id}`, w.tokens.admin, { name: 'team b' })).statusCode,
      409,
    );
    const renamed = await call('PATCH', `/api/v1/teams/${id}`, w.tokens.admin, { name: 'Europe' });
    assert.equal(renamed.statusCode, 200);
    assert.equal(renamed.json().name, 'Europe');
    // Another workspace may use the same name.
    assert.equal(
      (await call('POST', '/api/v1/teams', w2.tokens.admin, { name: 'Europe' })).statusCode,
      201,
    );
    assert.equal(
      (await call('POST', '/api/v1/teams', w.tokens.admin, { name: '   ' })).statusCode,
      400,
    );
  });

  it('replaces members with users of the workspace only', async () => {
    const res = await call('PUT', `/api/v1/teams/${w.teamB.id}/members`, w.tokens.admin, {
      userIds: [w.users.standardB.id, w.users.standard.id],
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().memberIds.length, 2);
    const foreign = await call('PUT', `/api/v1/teams/${w.teamB.id}/members`, w.tokens.admin, {
      userIds: [w2.users.standard.id],
    });
    assert.equal(foreign.statusCode, 400);
    assert.equal(foreign.json().error.details[0].path, 'body.userIds');
    const members = await t.deps.db
      .select()
      .from(teamMembers)
      .where(eq(teamMembers.teamId, w.teamB.id));
    assert.equal(members.length, 2, 'a refused replace keeps the old members');
  });

  it('other workspaces’ teams are 404', async () => {
    const other = w2.teamA.id;
    assert.equal((await call('GET', `/api/v1/teams/${other}`, w.tokens.admin)).statusCode, 404);
    assert.equal(
      (await call('PATCH', `/api/v1/teams/${other}`, w.tokens.admin, { name: 'x' })).statusCode,
      404,
    );
    assert.equal(
      (await call('PUT', `/api/v1/teams/${other}/members`, w.tokens.admin, { userIds: [] }))
        .statusCode,
      404,
    );
    assert.equal((await call('DELETE', `/api/v1/teams/${other}`, w.tokens.admin)).statusCode, 404);
    assert.ok(
      !(await call('GET', '/api/v1/teams', w.tokens.admin))
        .json()
        .data.some((x: { id: string }) => x.id === other),
    );
  });

  it('refuses to delete the only team of an account, deletes otherwise', async () => {
    const refused = await call('DELETE', `/api/v1/teams/${w.teamB.id}`, w.tokens.admin);
    assert.equal(refused.statusCode, 409);
    await t.deps.db
      .insert(accountTeams)
      .values({ workspaceId: w.workspace.id, accountId: w.betaB.id, teamId: w.teamA.id });
    assert.equal(
      (await call('DELETE', `/api/v1/teams/${w.teamB.id}`, w.tokens.admin)).statusCode,
      204,
    );
    assert.equal(
      (await call('GET', `/api/v1/teams/${w.teamB.id}`, w.tokens.admin)).statusCode,
      404,
    );
  });
});
