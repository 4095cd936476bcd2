import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import {
  accounts,
  accountTeams,
  attributeDefinitions,
  contacts,
  tasks,
} from '../db/schema/index.ts';

describe('segments', () => {
  let t: TestContext, w: Seeded;
  const ids: Record<string, string> = {};
  before(async () => {
    ({ t, w } = await oneWorkspace());
    const ws = w.workspace.id;
    await t.deps.db.insert(attributeDefinitions).values([
      { workspaceId: ws, entity: 'account', key: 'renewal_date', label: 'Renewal', type: 'date' },
      { workspaceId: ws, entity: 'account', key: 'arr', label: 'ARR', type: 'number' },
      { workspaceId: ws, entity: 'account', key: 'region', label: 'Region', type: 'text' },
      { workspaceId: ws, entity: 'account', key: 'vip', label: 'VIP', type: 'boolean' },
      { workspaceId: ws, entity: 'contact', key: 'nps', label: 'NPS', type: 'number' },
    ]);
    // Clock is 2026-03-02 (UTC workspace).
    const rows = await t.deps.db
      .insert(accounts)
      .values([
        {
          workspaceId: ws,
          externalId: 'p1',
          name: 'Parent One',
          tags: ['strategic'],
          attributes: { region: 'EMEA' },
        },
        {
          workspaceId: ws,
          externalId: 'c1',
          name: 'Child One',
          attributes: {
            renewal_date: '2026-03-20',
            arr: 5000,
            region: "'; drop table accounts; --",
            vip: true,
          },
        },
        {
          workspaceId: ws,
          externalId: 'c2',
          name: 'Child Two 100%',
          attributes: { renewal_date: '2026-09-01', arr: 50000, region: 'NA' },
        },
      ])
      .returning();
    [ids.p1, ids.c1, ids.c2] = rows.map((r) => r.id) as [string, string, string];
    await t.deps.db.update(accounts).set({ parentId: ids.p1 }).where(eq(accounts.id, ids.c1!));
    await t.deps.db.update(accounts).set({ parentId: ids.p1 }).where(eq(accounts.id, ids.c2!));
    await t.deps.db
      .insert(accountTeams)
      .values(
        [ids.p1!, ids.c1!].map((accountId) => ({ workspaceId: ws, accountId, teamId: w.teamA.id })),
      );
    await t.deps.db
      .insert(accountTeams)
      .values({ workspaceId: ws, accountId: ids.c2!, teamId: w.teamB.id });
    await t.deps.db.insert(contacts).values([
      {
        workspaceId: ws,
        accountId: ids.c1!,
        externalId: 'k1',
        firstName: 'Kim',
        email: 'kim@x.test',
        attributes: { nps: 3 },
      },
      {
        workspaceId: ws,
        accountId: ids.c2!,
        externalId: 'k2',
        firstName: 'Lee',
        attributes: { nps: 9 },
      },
    ]);
    await t.deps.db.insert(tasks).values([
      {
        workspaceId: ws,
        accountId: ids.c1!,
        kind: 'todo',
        title: 'Late',
        description: 'x',
        flowId: w.flow.id,
        assigneeUserId: w.users.standard.id,
        dueDate: '2026-02-20',
      },
      {
        workspaceId: ws,
        accountId: ids.c2!,
        kind: 'todo',
        title: 'Soon',
        description: 'x',
        flowId: w.flow.id,
        assigneeUserId: w.users.standard.id,
        dueDate: '2026-03-10',
      },
    ]);
  });
  after(() => t.close());

  const preview = async (criteria: unknown, subject = 'accounts', token = w.tokens.admin) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      headers: bearer(token),
      payload: { subject, criteria },
    });
    return res;
  };
  const names = async (criteria: unknown, subject = 'accounts', token = w.tokens.admin) => {
    const res = await preview(criteria, subject, token);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().data as Array<{ name: string }>).map((r) => r.name).sort();
  };
  const cmp = (field: string, op: string, extra: Record<string, unknown> = {}) => ({
    kind: 'compare',
    field,
    op,
    ...extra,
  });

  it('compares typed attributes and fields', async () => {
    assert.deepEqual(await names(cmp('attributes.arr', 'gt', { value: 10000 })), [
      'Child Two 100%',
    ]);
    assert.deepEqual(await names(cmp('attributes.arr', 'between', { values: [1000, 6000] })), [
      'Child One',
    ]);
    assert.deepEqual(await names(cmp('attributes.region', 'in', { values: ['NA', 'EMEA'] })), [
      'Child Two 100%',
      'Parent One',
    ]);
    assert.deepEqual(
      await names(cmp('attributes.region', 'neq', { value: 'NA' })),
      ['Child One', 'Parent One', 'Acme', 'Beta'].sort(),
    );
    assert.deepEqual(await names(cmp('attributes.vip', 'eq', { value: true })), ['Child One']);
    assert.deepEqual(await names(cmp('attributes.arr', 'is_not_set')), [
      'Acme',
      'Beta',
      'Parent One',
    ]);
    assert.deepEqual(await names(cmp('name', 'contains', { value: '100%' })), ['Child Two 100%']);
  });

  it('evaluates dates relative to today in the workspace time zone', async () => {
    assert.deepEqual(
      await names(cmp('attributes.renewal_date', 'within_next_days', { days: 30 })),
      ['Child One'],
    );
    assert.deepEqual(
      await names(cmp('attributes.renewal_date', 'more_than_days_ahead', { days: 30 })),
      ['Child Two 100%'],
    );
    t.clock.advanceDays(170);
    assert.deepEqual(
      await names(cmp('attributes.renewal_date', 'within_next_days', { days: 30 })),
      ['Child Two 100%'],
    );
    t.clock.advanceDays(-170);
  });

  it('treats hostile values as literals, never as SQL', async () => {
    const hostile = "'; drop table accounts; --";
    assert.deepEqual(await names(cmp('attributes.region', 'eq', { value: hostile })), [
      'Child One',
    ]);
    assert.deepEqual(await names(cmp('name', 'contains', { value: "x') or 1=1 --" })), []);
    assert.deepEqual(
      await names({ kind: 'tags', op: 'has', tag: "a'); delete from accounts; --" }),
      [],
    );
    const res = await preview(cmp("attributes.x'); drop table accounts; --", 'eq', { value: 1 }));
    assert.equal(res.statusCode, 400);
    const count = await t.deps.db.select().from(accounts);
    assert.equal(count.length, 5);
  });

  it('refuses unknown attributes and wrong literal types with the criteria path', async () => {
    const res = await preview({
      kind: 'and',
      items: [cmp('name', 'is_set'), cmp('attributes.nope', 'eq', { value: 1 })],
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.details[0].path, 'body.criteria.items.1.field');
    const wrong = await preview(cmp('attributes.arr', 'gt', { value: 'lots' }));
    assert.equal(wrong.json().error.details[0].path, 'body.criteria.value');
    const rel = await preview(cmp('attributes.arr', 'within_next_days', { days: 3 }));
    assert.equal(rel.json().error.details[0].path, 'body.criteria.op');
    // An impossible calendar date is refused up front, not left for the database to reject.
    const impossible = await preview(cmp('attributes.renewal_date', 'gt', { value: '2026-02-30' }));
    assert.equal(impossible.statusCode, 400);
    assert.equal(impossible.json().error.details[0].path, 'body.criteria.value');
  });

  it("supports tags, hierarchy and the parent's fields", async () => {
    assert.deepEqual(await names({ kind: 'tags', op: 'has', tag: 'strategic', of: 'parent' }), [
      'Child One',
      'Child Two 100%',
    ]);
    assert.deepEqual(
      await names({
        kind: 'and',
        items: [
          { kind: 'has_parent', value: true },
          cmp('parent.attributes.region', 'eq', { value: 'EMEA' }),
        ],
      }),
      ['Child One', 'Child Two 100%'],
    );
    assert.deepEqual(await names({ kind: 'not', item: { kind: 'has_parent', value: true } }), [
      'Acme',
      'Beta',
      'Parent One',
    ]);
  });

  it('counts task statistics (overdue, open) with thresholds', async () => {
    assert.deepEqual(await names({ kind: 'task_stat', metric: 'overdue', op: 'gte', value: 1 }), [
      'Child One',
    ]);
    assert.deepEqual(
      await names({ kind: 'task_stat', metric: 'open', op: 'gte', value: 1, flowId: w.flow.id }),
      ['Child One', 'Child Two 100%'],
    );
    assert.deepEqual(
      await names({ kind: 'task_stat', metric: 'created', op: 'eq', value: 0, periodDays: 7 }),
      ['Acme', 'Beta', 'Parent One'],
    );
  });

  it("contact segments can use the account's fields", async () => {
    assert.deepEqual(
      await names(
        {
          kind: 'and',
          items: [
            cmp('attributes.nps', 'lte', { value: 6 }),
            cmp('account.attributes.arr', 'gte', { value: 1000 }),
          ],
        },
        'contacts',
      ),
      ['Kim'],
    );
  });

  it('creates segments (advanced only), evaluates is-in-segment live and refuses cycles', async () => {
    const std = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: bearer(w.tokens.standard),
      payload: { name: 'x', subject: 'accounts', criteria: cmp('name', 'is_set') },
    });
    assert.equal(std.statusCode, 403);
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: bearer(w.tokens.advanced),
      payload: {
        name: 'Big',
        subject: 'accounts',
        criteria: cmp('attributes.arr', 'gte', { value: 40000 }),
      },
    });
    assert.equal(big.statusCode, 201, big.body);
    const bigId = big.json().id;
    const notBig = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: bearer(w.tokens.advanced),
      payload: {
        name: 'Not big',
        subject: 'accounts',
        criteria: {
          kind: 'and',
          items: [
            { kind: 'not_in_segment', segmentId: bigId },
            { kind: 'has_parent', value: true },
          ],
        },
      },
    });
    assert.equal(notBig.statusCode, 201);
    const p = await t.app.inject({
      method: 'GET',
      url: `/api/v1/segments/${notBig.json().id}/preview`,
      headers: bearer(w.tokens.admin),
    });
    assert.deepEqual(
      p.json().data.map((r: { name: string }) => r.name),
      ['Child One'],
    );
    // Change Big: Not big follows live.
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/segments/${bigId}`,
      headers: bearer(w.tokens.advanced),
      payload: { criteria: cmp('attributes.arr', 'gte', { value: 1 }) },
    });
    const p2 = await t.app.inject({
      method: 'GET',
      url: `/api/v1/segments/${notBig.json().id}/preview`,
      headers: bearer(w.tokens.admin),
    });
    assert.equal(p2.json().count, 0);
    const cycle = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/segments/${bigId}`,
      headers: bearer(w.tokens.advanced),
      payload: { criteria: { kind: 'in_segment', segmentId: notBig.json().id } },
    });
    assert.equal(cycle.statusCode, 400);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/segments/${bigId}`,
      headers: bearer(w.tokens.advanced),
    });
    assert.equal(del.statusCode, 409);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/segments?limit=1',
      headers: bearer(w.tokens.standard),
    });
    assert.equal(list.json().data.length, 1);
    assert.ok(list.json().nextCursor);
  });

  it("shows non-admins only their teams' accounts in previews and work", async () => {
    const all = cmp('attributes.renewal_date', 'is_set');
    assert.deepEqual(await names(all, 'accounts', w.tokens.standard), ['Child One']);
    assert.deepEqual(await names(all, 'accounts', w.tokens.standardB), ['Child Two 100%']);
    const seg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: bearer(w.tokens.admin),
      payload: { name: 'Renewing', subject: 'accounts', criteria: all },
    });
    // Segment → Work is the tasks list filtered by the segment (GET /tasks?segmentId=).
    const work = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tasks?segmentId=${seg.json().id}&status=all&groupBy=status`,
      headers: bearer(w.tokens.standard),
    });
    assert.equal(work.statusCode, 200, work.body);
    assert.deepEqual(
      work.json().data.map((r: { title: string }) => r.title),
      ['Late'],
    );
    assert.deepEqual(
      work.json().groups.map((g: { key: string; count: number }) => [g.key, g.count]),
      [['open', 1]],
    );
    const overdue = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tasks?segmentId=${seg.json().id}&due=overdue`,
      headers: bearer(w.tokens.standard),
    });
    assert.deepEqual(
      overdue.json().data.map((r: { title: string }) => r.title),
      ['Late'],
    );
    const adminWork = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tasks?segmentId=${seg.json().id}&limit=1`,
      headers: bearer(w.tokens.admin),
    });
    assert.equal(adminWork.json().data.length, 1);
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tasks?segmentId=${seg.json().id}&limit=1&cursor=${adminWork.json().nextCursor}`,
      headers: bearer(w.tokens.admin),
    });
    assert.deepEqual(
      next.json().data.map((r: { title: string }) => r.title),
      ['Soon'],
    );
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tasks?segmentId=${seg.json().id}&cursor=zzz`,
      headers: bearer(w.tokens.admin),
    });
    assert.equal(bad.statusCode, 400);
    const gone = await t.app.inject({
      method: 'GET',
      url: `/api/v1/segments/${seg.json().id}/work`,
      headers: bearer(w.tokens.admin),
    });
    assert.equal(gone.statusCode, 404, 'no parallel segment work route');
  });
});
