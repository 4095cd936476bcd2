import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { bearer, injectAs, twoWorkspaces, type Seeded } from '../test/fixtures.ts';
import {
  accounts,
  accountTeams,
  attributeDefinitions,
  changeEvents,
  contacts,
  tasks,
  timelineEvents,
} from '../db/schema/index.ts';

describe('accounts API', () => {
  let t: TestContext, w: Seeded, other: Seeded;
  before(async () => {
    ({ t, w, w2: other } = await twoWorkspaces(['acc1', 'acc2']));
    await t.deps.db.insert(attributeDefinitions).values([
      { workspaceId: w.workspace.id, entity: 'account', key: 'arr', label: 'ARR', type: 'number' },
      {
        workspaceId: w.workspace.id,
        entity: 'account',
        key: 'renewal_date',
        label: 'Renewal',
        type: 'date',
      },
      {
        workspaceId: w.workspace.id,
        entity: 'account',
        key: 'tier',
        label: 'Tier',
        type: 'enum',
        enumValues: ['gold', 'silver'],
      },
    ]);
  });
  after(() => t.close());

  const call = injectAs(() => t);
  const changesFor = (id: string) =>
    t.deps.db.select().from(changeEvents).where(eq(changeEvents.entityId, id));

  it('lists only visible accounts; admin sees all; never another workspace', async () => {
    const names = async (token: string) =>
      ((await call('GET', '/api/v1/accounts', token)).json().data as Array<{ name: string }>).map(
        (a) => a.name,
      );
    assert.deepEqual(await names(w.tokens.standard), ['Acme']);
    assert.deepEqual(await names(w.tokens.standardB), ['Beta']);
    assert.deepEqual(await names(w.tokens.admin), ['Acme', 'Beta']);
    assert.deepEqual(await names(other.tokens.admin), ['Acme', 'Beta']);
    const ids = (
      (await call('GET', '/api/v1/accounts', other.tokens.admin)).json().data as Array<{
        id: string;
      }>
    ).map((a) => a.id);
    assert.ok(!ids.includes(w.acmeA.id));
  });

  it('hides team A accounts from team B users: get, patch, children and role changes answer 404', async () => {
    const get = await call('GET', `/api/v1/accounts/${w.acmeA.id}`, w.tokens.standardB);
    assert.equal(get.statusCode, 404);
    assert.equal(get.json().error.code, 'not_found');
    const patch = await call('PATCH', `/api/v1/accounts/${w.acmeA.id}`, w.tokens.standardB, {
      version: 1,
      name: 'Hacked',
    });
    assert.equal(patch.statusCode, 404);
    assert.equal(
      (await call('GET', `/api/v1/accounts/${w.acmeA.id}/children`, w.tokens.standardB)).statusCode,
      404,
    );
    assert.equal(
      (await call('GET', `/api/v1/accounts/${w.acmeA.id}`, other.tokens.admin)).statusCode,
      404,
    );
    const [row] = await t.deps.db.select().from(accounts).where(eq(accounts.id, w.acmeA.id));
    assert.equal(row!.name, 'Acme');
    const search = await call('GET', '/api/v1/accounts?q=acm', w.tokens.standardB);
    assert.deepEqual(search.json().data, []);
    const byTeam = await call('GET', `/api/v1/accounts?teamId=${w.teamA.id}`, w.tokens.standardB);
    assert.deepEqual(byTeam.json().data, []);
  });

  it('counts and lists only the children the caller can see', async () => {
    const mk = async (name: string, teamId: string) =>
      (
        await call('POST', '/api/v1/accounts', w.tokens.admin, {
          name,
          parentId: w.betaB.id,
          teams: [teamId],
        })
      ).json() as { id: string };
    await mk('Beta Child B', w.teamB.id);
    await mk('Beta Child A', w.teamA.id);
    const forB = await call('GET', `/api/v1/accounts/${w.betaB.id}`, w.tokens.standardB);
    assert.equal(forB.json().childrenCount, 1);
    const kids = await call('GET', `/api/v1/accounts/${w.betaB.id}/children`, w.tokens.standardB);
    assert.deepEqual(
      kids.json().data.map((a: { name: string }) => a.name),
      ['Beta Child B'],
    );
    assert.equal(
      (await call('GET', `/api/v1/accounts/${w.betaB.id}`, w.tokens.admin)).json().childrenCount,
      2,
    );
    // The team-A child's parent is hidden from team A: no parent object, and not even its id.
    const childA = (
      await call('GET', '/api/v1/accounts?q=Beta%20Child%20A', w.tokens.standard)
    ).json().data[0];
    assert.equal(childA.parentId, null);
    const detailA = await call('GET', `/api/v1/accounts/${childA.id}`, w.tokens.standard);
    assert.equal(detailA.json().parent, null);
    assert.equal(detailA.json().parentId, null);
    for (const id of (await call('GET', `/api/v1/accounts/${w.betaB.id}/children`, w.tokens.admin))
      .json()
      .data.map((a: { id: string; version: number }) => a.id)) {
      await call('PATCH', `/api/v1/accounts/${id}`, w.tokens.admin, { version: 1, parentId: null });
    }
  });

  it("puts an advanced user's new account in their own teams, so they can see what they made", async () => {
    const mine = await call('POST', '/api/v1/accounts', w.tokens.advanced, {
      name: 'No team named',
    });
    assert.equal(mine.statusCode, 201, mine.body);
    assert.deepEqual(mine.json().teams, [{ id: w.teamA.id, name: 'Team A' }]);
    const before = (await call('GET', '/api/v1/accounts?limit=200', w.tokens.admin)).json().data
      .length;
    const other = await call('POST', '/api/v1/accounts', w.tokens.advanced, {
      name: 'Only another team',
      teams: [w.teamB.id],
    });
    assert.equal(other.statusCode, 400);
    assert.equal(other.json().error.details[0].path, 'body.teams');
    const after = (await call('GET', '/api/v1/accounts?limit=200', w.tokens.admin)).json().data
      .length;
    assert.equal(after, before);
    await call('DELETE', `/api/v1/accounts/${mine.json().id}`, w.tokens.admin);
  });

  it('creates an account (advanced+), with teams, parent, tags and validated attributes', async () => {
    const refused = await call('POST', '/api/v1/accounts', w.tokens.standard, { name: 'Nope' });
    assert.equal(refused.statusCode, 403);
    const res = await call('POST', '/api/v1/accounts', w.tokens.advanced, {
      externalId: 'acme-eu',
      name: 'Acme Europe',
      parentId: w.acmeA.id,
      teams: [w.teamA.id],
      tags: ['emea', 'emea', ' key '],
      lifecycleStage: 'onboarding',
      accountType: 'partner',
      attributes: { arr: 1200, renewal_date: '2026-09-30', tier: 'gold' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(res.headers.etag, '"1"');
    assert.deepEqual(body.tags, ['emea', 'key']);
    assert.deepEqual(body.parent, { id: w.acmeA.id, name: 'Acme' });
    assert.deepEqual(body.teams, [{ id: w.teamA.id, name: 'Team A' }]);
    assert.deepEqual(body.attributes, { arr: 1200, renewal_date: '2026-09-30', tier: 'gold' });
    assert.equal(body.version, 1);
    const changes = await changesFor(body.id);
    assert.deepEqual(
      changes.map((c) => c.kind),
      ['created'],
    );
    // The standard user of team A now sees it, and its parent counts it as a child.
    const parent = await call('GET', `/api/v1/accounts/${w.acmeA.id}`, w.tokens.standard);
    assert.equal(parent.json().childrenCount, 1);
    const children = await call(
      'GET',
      `/api/v1/accounts/${w.acmeA.id}/children`,
      w.tokens.standard,
    );
    assert.deepEqual(
      children.json().data.map((a: { name: string }) => a.name),
      ['Acme Europe'],
    );
  });

  it('refuses a duplicate external id with 409 on the externalId path', async () => {
    const res = await call('POST', '/api/v1/accounts', w.tokens.admin, {
      externalId: 'acme',
      name: 'Another Acme',
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.details[0].path, 'body.externalId');
    const dupPatch = await call('PATCH', `/api/v1/accounts/${w.betaB.id}`, w.tokens.admin, {
      version: 1,
      externalId: 'acme',
    });
    assert.equal(dupPatch.statusCode, 409);
    assert.equal(dupPatch.json().error.details[0].path, 'body.externalId');
    // Another workspace may use the same external id.
    assert.equal(
      (
        await call('POST', '/api/v1/accounts', other.tokens.admin, {
          externalId: 'acme-eu',
          name: 'Elsewhere',
        })
      ).statusCode,
      201,
    );
  });

  it('refuses bad attributes with attributes.<key> paths and writes nothing', async () => {
    const before = await t.deps.db
      .select()
      .from(accounts)
      .where(eq(accounts.workspaceId, w.workspace.id));
    const res = await call('POST', '/api/v1/accounts', w.tokens.admin, {
      name: 'Bad',
      attributes: { nope: 1, arr: 'lots', tier: 'bronze', renewal_date: '2026-02-30' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
    assert.deepEqual(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
      [
        'body.attributes.arr',
        'body.attributes.nope',
        'body.attributes.renewal_date',
        'body.attributes.tier',
      ],
    );
    const patch = await call('PATCH', `/api/v1/accounts/${w.acmeA.id}`, w.tokens.admin, {
      version: 1,
      name: 'Renamed',
      attributes: { tier: 'bronze' },
    });
    assert.equal(patch.statusCode, 400);
    assert.equal(patch.json().error.details[0].path, 'body.attributes.tier');
    const afterRows = await t.deps.db
      .select()
      .from(accounts)
      .where(eq(accounts.workspaceId, w.workspace.id));
    assert.equal(afterRows.length, before.length);
    assert.equal(afterRows.find((a) => a.id === w.acmeA.id)!.name, 'Acme');
  });

  it('patches with version or If-Match, refuses stale writes, records changes and attribute timeline', async () => {
    const noVersion = await call('PATCH', `/api/v1/accounts/${w.betaB.id}`, w.tokens.standardB, {
      name: 'Beta Inc',
    });
    assert.equal(noVersion.statusCode, 428);
    const ok = await call(
      'PATCH',
      `/api/v1/accounts/${w.betaB.id}`,
      w.tokens.standardB,
      { name: 'Beta Inc' },
      { 'if-match': '"1"' },
    );
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().version, 2);
    assert.equal(ok.headers.etag, '"2"');
    const stale = await call('PATCH', `/api/v1/accounts/${w.betaB.id}`, w.tokens.admin, {
      version: 1,
      name: 'Lost update',
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'version_conflict');
    const [row] = await t.deps.db.select().from(accounts).where(eq(accounts.id, w.betaB.id));
    assert.equal(row!.name, 'Beta Inc');
    assert.equal(row!.version, 2);

    const attrs = await call('PATCH', `/api/v1/accounts/${w.betaB.id}`, w.tokens.admin, {
      version: 2,
      attributes: { arr: 10, tier: 'silver' },
    });
    assert.equal(attrs.statusCode, 200, attrs.body);
    const cleared = await call('PATCH', `/api/v1/accounts/${w.betaB.id}`, w.tokens.admin, {
      version: 3,
      attributes: { arr: null, tier: 'silver' },
    });
    assert.deepEqual(cleared.json().attributes, { tier: 'silver' });
    const events = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(
        and(eq(timelineEvents.accountId, w.betaB.id), eq(timelineEvents.type, 'attribute_changed')),
      )
      .orderBy(timelineEvents.id);
    assert.deepEqual(
      events.map((e) => [e.payload.key, e.payload.from, e.payload.to]),
      [
        ['arr', null, 10],
        ['tier', null, 'silver'],
        ['arr', 10, null],
      ],
    );
    assert.deepEqual(
      (await changesFor(w.betaB.id)).map((c) => c.kind),
      ['updated', 'updated', 'updated'],
    );
    // A no-op patch changes nothing and bumps nothing.
    const same = await call('PATCH', `/api/v1/accounts/${w.betaB.id}`, w.tokens.admin, {
      version: 4,
      name: 'Beta Inc',
    });
    assert.equal(same.json().version, 4);
    // Standard users cannot move accounts between teams.
    const teamsChange = await call('PATCH', `/api/v1/accounts/${w.betaB.id}`, w.tokens.standardB, {
      version: 4,
      teams: [w.teamA.id],
    });
    assert.equal(teamsChange.statusCode, 403);
  });

  it('refuses parent cycles at any depth', async () => {
    const mk = async (name: string, parentId?: string) =>
      (
        await call('POST', '/api/v1/accounts', w.tokens.admin, {
          name,
          ...(parentId ? { parentId } : {}),
        })
      ).json() as { id: string; version: number };
    const top = await mk('Top');
    const mid = await mk('Mid', top.id);
    const leaf = await mk('Leaf', mid.id);
    const loop = await call('PATCH', `/api/v1/accounts/${top.id}`, w.tokens.admin, {
      version: top.version,
      parentId: leaf.id,
    });
    assert.equal(loop.statusCode, 400);
    assert.equal(loop.json().error.details[0].path, 'body.parentId');
    const self = await call('PATCH', `/api/v1/accounts/${top.id}`, w.tokens.admin, {
      version: top.version,
      parentId: top.id,
    });
    assert.equal(self.statusCode, 400);
    const [row] = await t.deps.db.select().from(accounts).where(eq(accounts.id, top.id));
    assert.equal(row!.parentId, null);
    // Moving the leaf under the top is fine, and a foreign-workspace parent is not found.
    assert.equal(
      (
        await call('PATCH', `/api/v1/accounts/${leaf.id}`, w.tokens.admin, {
          version: 1,
          parentId: top.id,
        })
      ).statusCode,
      200,
    );
    const foreign = await call('PATCH', `/api/v1/accounts/${leaf.id}`, w.tokens.admin, {
      version: 2,
      parentId: other.acmeA.id,
    });
    assert.equal(foreign.statusCode, 400);
  });

  it('filters, searches and pages with a cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await call('POST', '/api/v1/accounts', w.tokens.admin, {
        externalId: `page-${i}`,
        name: `Paged ${i}`,
        tags: i % 2 ? ['odd'] : [],
        lifecycleStage: 'adoption',
        teams: [w.teamB.id],
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        'GET',
        `/api/v1/accounts?q=paged&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        w.tokens.admin,
      );
      seen.push(...res.json().data.map((a: { name: string }) => a.name));
      cursor = res.json().nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ['Paged 0', 'Paged 1', 'Paged 2', 'Paged 3', 'Paged 4']);
    const odd = await call('GET', '/api/v1/accounts?tag=odd', w.tokens.admin);
    assert.deepEqual(
      odd.json().data.map((a: { name: string }) => a.name),
      ['Paged 1', 'Paged 3'],
    );
    const byTeam = await call(
      'GET',
      `/api/v1/accounts?teamId=${w.teamB.id}&lifecycleStage=adoption`,
      w.tokens.standardB,
    );
    assert.equal(byTeam.json().data.length, 5);
    const withParent = await call('GET', '/api/v1/accounts?hasParent=true', w.tokens.admin);
    assert.ok(withParent.json().data.length > 0);
    assert.ok(
      withParent.json().data.every((a: { parentId: string | null }) => a.parentId !== null),
    );
    const withoutParent = await call(
      'GET',
      '/api/v1/accounts?hasParent=false&q=paged',
      w.tokens.admin,
    );
    assert.equal(withoutParent.json().data.length, 5);
    const children = await call('GET', `/api/v1/accounts?parentId=${w.acmeA.id}`, w.tokens.admin);
    assert.deepEqual(
      children.json().data.map((a: { name: string }) => a.name),
      ['Acme Europe'],
    );
    const pct = await call('GET', '/api/v1/accounts?q=%25', w.tokens.admin);
    assert.deepEqual(pct.json().data, []);
    const badCursor = await call('GET', '/api/v1/accounts?cursor=garbage', w.tokens.admin);
    assert.equal(badCursor.statusCode, 400);
  });

  it('counts open and overdue tasks on the account', async () => {
    const base = {
      workspaceId: w.workspace.id,
      accountId: w.acmeA.id,
      kind: 'todo' as const,
      description: 'x',
      flowId: w.flow.id,
      assigneeUserId: w.users.standard.id,
    };
    await t.deps.db.insert(tasks).values([
      { ...base, title: 'late', dueDate: '2026-03-01' },
      { ...base, title: 'soon', dueDate: '2026-03-09' },
      {
        ...base,
        title: 'done',
        dueDate: '2026-02-01',
        status: 'completed',
        completedAt: new Date(),
      },
    ]);
    const res = await call('GET', `/api/v1/accounts/${w.acmeA.id}`, w.tokens.standard);
    assert.equal(res.json().openTaskCount, 2);
    assert.equal(res.json().overdueTaskCount, 1);
  });

  it('deletes (admin only) with change events for the account', async () => {
    const created = (
      await call('POST', '/api/v1/accounts', w.tokens.admin, {
        name: 'Doomed',
        teams: [w.teamA.id],
      })
    ).json();
    const [person] = await t.deps.db
      .insert(contacts)
      .values({
        workspaceId: w.workspace.id,
        accountId: created.id,
        externalId: 'doomed-1',
        firstName: 'Pat',
      })
      .returning();
    const [task] = await t.deps.db
      .insert(tasks)
      .values({
        workspaceId: w.workspace.id,
        accountId: created.id,
        kind: 'todo',
        title: 'call Pat',
        description: 'x',
        flowId: w.flow.id,
        dueDate: '2026-03-05',
        assigneeContactId: person!.id,
      })
      .returning();
    assert.equal(
      (await call('DELETE', `/api/v1/accounts/${created.id}`, w.tokens.advanced)).statusCode,
      403,
    );
    assert.equal(
      (
        await call('DELETE', `/api/v1/accounts/${created.id}`, w.tokens.admin, undefined, {
          'if-match': '"7"',
        })
      ).statusCode,
      409,
    );
    assert.equal(
      (await call('DELETE', `/api/v1/accounts/${created.id}`, w.tokens.admin)).statusCode,
      204,
    );
    assert.equal(
      (await call('GET', `/api/v1/accounts/${created.id}`, w.tokens.admin)).statusCode,
      404,
    );
    assert.deepEqual(
      (await changesFor(created.id)).map((c) => c.kind),
      ['created', 'deleted'],
    );
    assert.deepEqual(
      (await changesFor(person!.id)).map((c) => [c.entity, c.kind]),
      [['contact', 'deleted']],
    );
    assert.deepEqual(
      (await changesFor(task!.id)).map((c) => [c.entity, c.kind]),
      [['task', 'deleted']],
    );
    assert.equal(
      (await t.deps.db.select().from(accountTeams).where(eq(accountTeams.accountId, created.id)))
        .length,
      0,
    );
  });

  it('answers malformed JSON and oversized bodies with the one error shape', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { ...bearer(w.tokens.admin), 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json().error).sort(), ['code', 'details', 'message']);
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { ...bearer(w.tokens.admin), 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(t.deps.config.PLAYMAKER_MAX_BODY_BYTES + 10) }),
    });
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().error.code, 'payload_too_large');
    const unknownField = await call('POST', '/api/v1/accounts', w.tokens.admin, {
      name: 'x',
      owner: 'me',
    });
    assert.equal(unknownField.statusCode, 400);
    assert.equal(unknownField.json().error.code, 'validation_failed');
  });
});
