// ASVS 8.2.2: criteria and account views see only what the caller may see. A standard user in team B
// has an account whose parent belongs to team A only: to them the account has no parent at all.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accounts, accountTeams, tasks } from '../db/schema/index.ts';
import type { TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';

describe('a parent account the caller cannot see', () => {
  let t: TestContext, w: Seeded;
  let kid: { id: string };
  let parent: { id: string };
  before(async () => {
    ({ t, w } = await oneWorkspace());
    const ws = w.workspace.id;
    parent = (
      await t.deps.db
        .insert(accounts)
        .values({
          workspaceId: ws,
          externalId: 'zenith',
          name: 'Zenith Holdings',
          tags: ['secret-deal'],
        })
        .returning()
    )[0]!;
    kid = (
      await t.deps.db
        .insert(accounts)
        .values({ workspaceId: ws, externalId: 'kid', name: 'Kid Co', parentId: parent.id })
        .returning()
    )[0]!;
    await t.deps.db.insert(accountTeams).values([
      { workspaceId: ws, accountId: parent.id, teamId: w.teamA.id },
      { workspaceId: ws, accountId: kid.id, teamId: w.teamB.id },
    ]);
    await t.deps.db.insert(tasks).values({
      workspaceId: ws,
      accountId: kid.id,
      kind: 'todo',
      title: 'Call Kid',
      description: 'd',
      flowId: w.flow.id,
      dueDate: '2026-03-10',
      assigneeUserId: w.users.standardB.id,
    });
  });
  after(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) }),
    post: (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: bearer(token), payload }),
  });
  const probes = [
    { kind: 'compare', field: 'parent.name', op: 'contains', value: 'Z' },
    { kind: 'compare', field: 'parent.external_id', op: 'eq', value: 'zenith' },
    { kind: 'has_parent', value: true },
    { kind: 'tags', of: 'parent', op: 'has', tag: 'secret-deal' },
  ];
  const preview = async (token: string, criteria: object) => {
    const res = await as(token).post('/api/v1/segments/preview', { subject: 'accounts', criteria });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { count: number; data: Array<{ id: string }> };
  };

  it('criteria on parent fields find nothing for the standard user (the admin, who sees the parent, finds the child)', async () => {
    for (const criteria of probes) {
      assert.deepEqual(
        (await preview(w.tokens.admin, criteria)).data.map((r) => r.id),
        [kid.id],
        `admin: ${JSON.stringify(criteria)}`,
      );
      assert.equal(
        (await preview(w.tokens.standardB, criteria)).count,
        0,
        `standard: ${JSON.stringify(criteria)}`,
      );
    }
    const noParent = await preview(w.tokens.standardB, { kind: 'has_parent', value: false });
    assert.ok(
      noParent.data.some((r) => r.id === kid.id),
      'to them the account has no parent',
    );
  });

  it('saved segments too: preview and Segment → Work (the tasks list filtered by the segment)', async () => {
    const seg = await as(w.tokens.admin).post('/api/v1/segments', {
      name: 'Children of Z…',
      subject: 'accounts',
      criteria: probes[0],
    });
    assert.equal(seg.statusCode, 201, seg.body);
    const id = seg.json().id;
    assert.equal(
      (await as(w.tokens.admin).get(`/api/v1/tasks?segmentId=${id}&status=all`)).json().data.length,
      1,
      'the admin sees the task',
    );
    const b = as(w.tokens.standardB);
    assert.equal((await b.get(`/api/v1/segments/${id}/preview`)).json().count, 0);
    const list = await b.get(`/api/v1/tasks?segmentId=${id}&status=all`);
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(list.json().data, []);
  });

  it('the account shows no parentId, and the list filters treat the parent as absent', async () => {
    const b = as(w.tokens.standardB);
    const one = await b.get(`/api/v1/accounts/${kid.id}`);
    assert.equal(one.statusCode, 200, one.body);
    assert.equal(one.json().parentId, null);
    assert.equal(one.json().parent, null);
    const listed = (await b.get('/api/v1/accounts?limit=100'))
      .json()
      .data.find((a: { id: string }) => a.id === kid.id);
    assert.equal(listed.parentId, null);
    assert.deepEqual((await b.get('/api/v1/accounts?hasParent=true')).json().data, []);
    assert.deepEqual((await b.get(`/api/v1/accounts?parentId=${parent.id}`)).json().data, []);
    assert.equal(
      (await as(w.tokens.admin).get(`/api/v1/accounts/${kid.id}`)).json().parentId,
      parent.id,
      'the admin still sees it',
    );
  });
});
