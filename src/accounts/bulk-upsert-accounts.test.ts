import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import {
  accounts,
  accountTeams,
  attributeDefinitions,
  changeEvents,
  timelineEvents,
} from '../db/schema/index.ts';

describe('accounts bulk upsert', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps, 'bulk1');
    await t.deps.db.insert(attributeDefinitions).values([
      { workspaceId: w.workspace.id, entity: 'account', key: 'arr', label: 'ARR', type: 'number' },
      {
        workspaceId: w.workspace.id,
        entity: 'account',
        key: 'tier',
        label: 'Tier',
        type: 'enum',
        enumValues: ['gold', 'silver'],
      },
      { workspaceId: w.workspace.id, entity: 'account', key: 'csm', label: 'CSM', type: 'user' },
    ]);
  });
  after(() => t.close());

  const bulk = (rows: unknown, token = w.tokens.admin) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts/bulk',
      headers: bearer(token),
      payload: { rows } as object,
    });
  const count = async (table: typeof accounts | typeof changeEvents) =>
    (
      await t.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
        .where(eq(table.workspaceId, w.workspace.id))
    )[0]!.n;
  const byExt = async (externalId: string) =>
    (
      await t.deps.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.workspaceId, w.workspace.id), eq(accounts.externalId, externalId)))
    )[0];

  /** A parent (under Acme), its child and grandchild in one batch, the child listed before its parent. */
  const family = [
    {
      externalId: 'child',
      name: 'Child Co',
      parentExternalId: 'parent',
      teams: ['Team A'],
      tags: ['x'],
      attributes: { arr: 100, tier: 'gold' },
    },
    {
      externalId: 'grandchild',
      name: 'Grandchild Co',
      parentExternalId: 'child',
      lifecycleStage: 'onboarding',
    },
    {
      externalId: 'parent',
      name: 'Parent Co',
      parentExternalId: 'acme',
      accountType: 'enterprise',
    },
  ];

  it('is all or nothing: one bad row → 400 with rows.<i>.<field> paths and nothing written', async () => {
    const [accountsBefore, changesBefore] = [await count(accounts), await count(changeEvents)];
    const res = await bulk([
      { externalId: 'ok-1', name: 'Fine', attributes: { arr: 5 } },
      { externalId: 'ok-2', name: '', extra: true },
      {
        externalId: 'ok-3',
        name: 'Bad attrs',
        attributes: { tier: 'bronze', nope: 1, csm: w.users.admin.id },
        teams: ['Team A', 'Team Z'],
      },
      { externalId: 'ok-1', name: 'Duplicate', parentExternalId: 'missing-parent' },
      {
        externalId: 'ok-5',
        name: 'Wrong user',
        attributes: { csm: '00000000-0000-4000-8000-000000000000' },
      },
    ]);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
    const paths = res
      .json()
      .error.details.map((d: { path: string }) => d.path)
      .sort();
    assert.deepEqual(paths, ['body.rows.1.extra', 'body.rows.1.name']);
    // Shape problems are reported first; once rows parse, every semantic problem is listed together.
    const res2 = await bulk([
      { externalId: 'ok-1', name: 'Fine', attributes: { arr: 5 } },
      {
        externalId: 'ok-3',
        name: 'Bad attrs',
        attributes: { tier: 'bronze', nope: 1, csm: w.users.admin.id },
        teams: ['Team A', 'Team Z'],
      },
      { externalId: 'ok-1', name: 'Duplicate', parentExternalId: 'missing-parent' },
      {
        externalId: 'ok-5',
        name: 'Wrong user',
        attributes: { csm: '00000000-0000-4000-8000-000000000000' },
      },
    ]);
    assert.equal(res2.statusCode, 400);
    assert.deepEqual(
      res2
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
      [
        'body.rows.1.attributes.nope',
        'body.rows.1.attributes.tier',
        'body.rows.1.teams.1',
        'body.rows.2.externalId',
        'body.rows.3.attributes.csm',
      ],
    );
    const res3 = await bulk([
      { externalId: 'ok-1', name: 'Fine' },
      { externalId: 'ok-2', name: 'Orphan', parentExternalId: 'missing-parent' },
    ]);
    assert.equal(res3.statusCode, 400);
    assert.deepEqual(
      res3.json().error.details.map((d: { path: string }) => d.path),
      ['body.rows.1.parentExternalId'],
    );
    assert.equal(await count(accounts), accountsBefore);
    assert.equal(await count(changeEvents), changesBefore);
    assert.equal((await bulk([])).statusCode, 400);
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts/bulk',
      headers: { ...bearer(w.tokens.admin), 'content-type': 'application/json' },
      payload: '{"rows": [',
    });
    assert.equal(malformed.statusCode, 400);
    assert.deepEqual(Object.keys(malformed.json().error).sort(), ['code', 'details', 'message']);
    const notRows = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts/bulk',
      headers: bearer(w.tokens.admin),
      payload: { rows: 'all' },
    });
    assert.equal(notRows.json().error.details[0].path, 'body.rows');
  });

  it('creates rows with parents from the same batch, teams by name, and change events', async () => {
    const res = await bulk(family);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { created: 3, updated: 0, unchanged: 0 });
    const [parent, child, grandchild] = [
      await byExt('parent'),
      await byExt('child'),
      await byExt('grandchild'),
    ];
    assert.equal(child!.parentId, parent!.id);
    assert.equal(grandchild!.parentId, child!.id);
    assert.equal(parent!.parentId, w.acmeA.id);
    assert.equal(parent!.accountType, 'enterprise');
    assert.deepEqual(child!.attributes, { arr: 100, tier: 'gold' });
    const teams = await t.deps.db
      .select()
      .from(accountTeams)
      .where(eq(accountTeams.accountId, child!.id));
    assert.deepEqual(
      teams.map((r) => r.teamId),
      [w.teamA.id],
    );
    const changes = await t.deps.db
      .select()
      .from(changeEvents)
      .where(eq(changeEvents.entityId, child!.id));
    assert.deepEqual(
      changes.map((c) => [c.kind, c.accountId]),
      [['created', child!.id]],
    );
    // The standard user of team A sees the new account at once.
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/accounts?q=child',
      headers: bearer(w.tokens.standard),
    });
    assert.deepEqual(
      list.json().data.map((a: { name: string }) => a.name),
      ['Child Co'],
    );
  });

  it('is idempotent: the same batch again leaves everything unchanged', async () => {
    const changesBefore = await count(changeEvents);
    const res = await bulk(family);
    assert.deepEqual(res.json(), { created: 0, updated: 0, unchanged: 3 });
    assert.equal(await count(changeEvents), changesBefore);
    assert.equal((await byExt('child'))!.version, 1);
  });

  it('updates only changed rows: merges attributes (null clears), bumps versions, writes timeline', async () => {
    const res = await bulk([
      { externalId: 'child', name: 'Child Co', attributes: { arr: null, tier: 'silver' } },
      { externalId: 'grandchild', name: 'Grandchild Co' },
      { externalId: 'parent', name: 'Parent Company' },
      { externalId: 'fresh', name: 'Fresh' },
    ]);
    assert.deepEqual(res.json(), { created: 1, updated: 2, unchanged: 1 });
    const child = await byExt('child');
    assert.deepEqual(child!.attributes, { tier: 'silver' });
    assert.equal(child!.version, 2);
    assert.deepEqual(child!.tags, ['x'], 'fields not sent are kept');
    assert.equal((await byExt('grandchild'))!.version, 1);
    assert.equal((await byExt('parent'))!.name, 'Parent Company');
    const events = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(
        and(eq(timelineEvents.accountId, child!.id), eq(timelineEvents.type, 'attribute_changed')),
      )
      .orderBy(timelineEvents.id);
    assert.deepEqual(
      events.map((e) => [e.payload.key, e.payload.from, e.payload.to]),
      [
        ['arr', 100, null],
        ['tier', 'gold', 'silver'],
      ],
    );
    const changes = await t.deps.db
      .select()
      .from(changeEvents)
      .where(eq(changeEvents.entityId, child!.id))
      .orderBy(changeEvents.id);
    assert.deepEqual(
      changes.map((c) => c.kind),
      ['created', 'updated'],
    );
    assert.deepEqual(changes[1]!.payload.changed, ['attributes.arr', 'attributes.tier']);
  });

  it('refuses parent loops (in the batch or through stored accounts) and writes nothing', async () => {
    const before = await byExt('parent');
    const loop = await bulk([
      { externalId: 'parent', name: 'Parent Company', parentExternalId: 'grandchild' },
    ]);
    assert.equal(loop.statusCode, 400);
    assert.deepEqual(
      loop.json().error.details.map((d: { path: string }) => d.path),
      ['body.rows.0.parentExternalId'],
    );
    const pair = await bulk([
      { externalId: 'loop-a', name: 'A', parentExternalId: 'loop-b' },
      { externalId: 'loop-b', name: 'B', parentExternalId: 'loop-a' },
      { externalId: 'loop-c', name: 'C', parentExternalId: 'loop-a' },
    ]);
    assert.equal(pair.statusCode, 400);
    assert.deepEqual(
      pair.json().error.details.map((d: { path: string }) => d.path),
      ['body.rows.0.parentExternalId', 'body.rows.1.parentExternalId'],
    );
    assert.equal(await byExt('loop-c'), undefined);
    const self = await bulk([{ externalId: 'me', name: 'Me', parentExternalId: 'me' }]);
    assert.equal(self.statusCode, 400);
    const after = await byExt('parent');
    assert.equal(after!.parentId, before!.parentId);
    assert.equal(after!.version, before!.version);
  });

  it('needs advanced; advanced users cannot touch accounts outside their teams', async () => {
    assert.equal((await bulk([{ externalId: 'x', name: 'X' }], w.tokens.standard)).statusCode, 403);
    const res = await bulk([{ externalId: 'beta', name: 'Beta renamed' }], w.tokens.advanced);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res.json().error.details.map((d: { path: string }) => d.path),
      ['body.rows.0.externalId'],
    );
    const hiddenParent = await bulk(
      [{ externalId: 'adv-new', name: 'New', parentExternalId: 'beta' }],
      w.tokens.advanced,
    );
    assert.deepEqual(
      hiddenParent.json().error.details.map((d: { path: string }) => d.path),
      ['body.rows.0.parentExternalId'],
    );
    assert.equal((await byExt('beta'))!.name, 'Beta');
    const ok = await bulk(
      [
        { externalId: 'acme', name: 'Acme' },
        { externalId: 'adv-new', name: 'New', parentExternalId: 'acme', teams: ['Team A'] },
      ],
      w.tokens.advanced,
    );
    assert.deepEqual(ok.json(), { created: 1, updated: 0, unchanged: 1 });
  });
});
