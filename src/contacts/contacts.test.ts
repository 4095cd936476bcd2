import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { injectAs, twoWorkspaces, type Seeded } from '../test/fixtures.ts';
import {
  attributeDefinitions,
  changeEvents,
  contacts,
  tasks,
  timelineEvents,
} from '../db/schema/index.ts';

describe('contacts API', () => {
  let t: TestContext, w: Seeded, other: Seeded;
  before(async () => {
    ({ t, w, w2: other } = await twoWorkspaces(['con1', 'con2']));
    await t.deps.db.insert(attributeDefinitions).values([
      {
        workspaceId: w.workspace.id,
        entity: 'contact',
        key: 'title',
        label: 'Job title',
        type: 'text',
      },
      {
        workspaceId: w.workspace.id,
        entity: 'contact',
        key: 'champion',
        label: 'Champion',
        type: 'boolean',
      },
      { workspaceId: w.workspace.id, entity: 'account', key: 'arr', label: 'ARR', type: 'number' },
    ]);
  });
  after(() => t.close());

  const call = injectAs(() => t);
  const contactCount = async () =>
    (
      await t.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(contacts)
        .where(eq(contacts.workspaceId, w.workspace.id))
    )[0]!.n;

  let ada: { id: string; version: number };

  it('creates contacts on visible accounts only, validating e-mail, phone and attributes', async () => {
    const res = await call('POST', '/api/v1/contacts', w.tokens.standard, {
      accountId: w.acmeA.id,
      externalId: 'c-ada',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@acme.test',
      phone: '+44 20 7946 0000',
      tags: ['vip'],
      attributes: { title: 'CTO', champion: true },
    });
    assert.equal(res.statusCode, 201, res.body);
    ada = res.json();
    assert.equal(res.json().accountName, 'Acme');
    assert.equal(res.headers.etag, '"1"');
    assert.deepEqual(
      (await t.deps.db.select().from(changeEvents).where(eq(changeEvents.entityId, ada.id))).map(
        (c) => [c.entity, c.kind, c.accountId],
      ),
      [['contact', 'created', w.acmeA.id]],
    );

    const before = await contactCount();
    const hidden = await call('POST', '/api/v1/contacts', w.tokens.standardB, {
      accountId: w.acmeA.id,
      firstName: 'X',
    });
    assert.equal(hidden.statusCode, 400);
    assert.equal(hidden.json().error.details[0].path, 'body.accountId');
    const bad = await call('POST', '/api/v1/contacts', w.tokens.admin, {
      accountId: w.acmeA.id,
      firstName: 'Y',
      email: 'not-an-email',
      phone: 'call me',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
      ['body.email', 'body.phone'],
    );
    const attrs = await call('POST', '/api/v1/contacts', w.tokens.admin, {
      accountId: w.acmeA.id,
      firstName: 'Z',
      attributes: { champion: 'yes', arr: 5 },
    });
    assert.equal(attrs.statusCode, 400);
    assert.deepEqual(
      attrs
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
      ['body.attributes.arr', 'body.attributes.champion'],
    );
    const dup = await call('POST', '/api/v1/contacts', w.tokens.admin, {
      accountId: w.betaB.id,
      externalId: 'c-ada',
      firstName: 'Again',
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.details[0].path, 'body.externalId');
    assert.equal(await contactCount(), before);
  });

  it('lists and gets only contacts of visible accounts; never another workspace', async () => {
    await call('POST', '/api/v1/contacts', w.tokens.admin, {
      accountId: w.betaB.id,
      externalId: 'c-bob',
      firstName: 'Bob',
      lastName: 'Beta',
      tags: ['vip'],
    });
    const names = async (token: string, qs = '') =>
      (await call('GET', `/api/v1/contacts${qs}`, token))
        .json()
        .data.map((c: { firstName: string }) => c.firstName);
    assert.deepEqual(await names(w.tokens.standard), ['Ada']);
    assert.deepEqual(await names(w.tokens.standardB), ['Bob']);
    assert.deepEqual(await names(w.tokens.admin), ['Bob', 'Ada']);
    assert.deepEqual(await names(w.tokens.admin, '?q=lovel'), ['Ada']);
    assert.deepEqual(await names(w.tokens.admin, `?accountId=${w.betaB.id}&tag=vip`), ['Bob']);
    assert.deepEqual(await names(other.tokens.admin), []);
    assert.equal(
      (await call('GET', `/api/v1/contacts/${ada.id}`, w.tokens.standardB)).statusCode,
      404,
    );
    assert.equal(
      (await call('GET', `/api/v1/contacts/${ada.id}`, other.tokens.admin)).statusCode,
      404,
    );
    assert.equal(
      (await call('GET', `/api/v1/accounts/${w.acmeA.id}/contacts`, w.tokens.standardB)).statusCode,
      404,
    );
    const ofAcme = await call('GET', `/api/v1/accounts/${w.acmeA.id}/contacts`, w.tokens.standard);
    assert.deepEqual(
      ofAcme.json().data.map((c: { id: string }) => c.id),
      [ada.id],
    );
    const page1 = await call('GET', '/api/v1/contacts?limit=1', w.tokens.admin);
    const page2 = await call(
      'GET',
      `/api/v1/contacts?limit=1&cursor=${page1.json().nextCursor}`,
      w.tokens.admin,
    );
    assert.deepEqual(
      [page1.json().data[0].firstName, page2.json().data[0].firstName, page2.json().nextCursor],
      ['Bob', 'Ada', null],
    );
  });

  it('patches with a version, refuses stale writes, and records attribute changes on the account timeline', async () => {
    assert.equal(
      (
        await call('PATCH', `/api/v1/contacts/${ada.id}`, w.tokens.standardB, {
          version: 1,
          firstName: 'Eve',
        })
      ).statusCode,
      404,
    );
    assert.equal(
      (await call('PATCH', `/api/v1/contacts/${ada.id}`, w.tokens.standard, { firstName: 'Eve' }))
        .statusCode,
      428,
    );
    const ok = await call(
      'PATCH',
      `/api/v1/contacts/${ada.id}`,
      w.tokens.standard,
      { attributes: { title: 'CEO', champion: null } },
      { 'if-match': '"1"' },
    );
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().attributes, { title: 'CEO' });
    assert.equal(ok.json().version, 2);
    const stale = await call('PATCH', `/api/v1/contacts/${ada.id}`, w.tokens.standard, {
      version: 1,
      firstName: 'Lost',
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'version_conflict');
    const [row] = await t.deps.db.select().from(contacts).where(eq(contacts.id, ada.id));
    assert.equal(row!.firstName, 'Ada');
    const events = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(
        and(eq(timelineEvents.accountId, w.acmeA.id), eq(timelineEvents.type, 'attribute_changed')),
      )
      .orderBy(timelineEvents.id);
    assert.deepEqual(
      events.map((e) => [e.payload.contactId, e.payload.key, e.payload.from, e.payload.to]),
      [
        [ada.id, 'champion', true, null],
        [ada.id, 'title', 'CTO', 'CEO'],
      ],
    );
    const kinds = (
      await t.deps.db.select().from(changeEvents).where(eq(changeEvents.entityId, ada.id))
    ).map((c) => c.kind);
    assert.deepEqual(kinds, ['created', 'updated']);
  });

  it('bulk upserts contacts all or nothing, idempotently, resolving accounts by external id', async () => {
    const bulk = (rows: unknown, token = w.tokens.admin) =>
      call('POST', '/api/v1/contacts/bulk', token, { rows });
    const before = await contactCount();
    const bad = await bulk([
      { externalId: 'b-1', accountExternalId: 'acme', firstName: 'One' },
      { externalId: 'b-2', accountExternalId: 'nowhere', firstName: 'Two' },
      { externalId: 'b-3', accountExternalId: 'acme', firstName: 'Three', email: 'nope' },
    ]);
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad.json().error.details.map((d: { path: string }) => d.path),
      ['body.rows.2.email'],
    );
    const bad2 = await bulk([
      {
        externalId: 'b-1',
        accountExternalId: 'acme',
        firstName: 'One',
        attributes: { champion: 'maybe' },
      },
      { externalId: 'b-2', accountExternalId: 'nowhere', firstName: 'Two' },
      { externalId: 'b-1', accountExternalId: 'acme', firstName: 'Dup' },
    ]);
    assert.deepEqual(
      bad2
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
      ['body.rows.0.attributes.champion', 'body.rows.2.externalId'],
    );
    const bad3 = await bulk([
      { externalId: 'b-1', accountExternalId: 'acme', firstName: 'One' },
      { externalId: 'b-2', accountExternalId: 'nowhere', firstName: 'Two' },
    ]);
    assert.deepEqual(
      bad3.json().error.details.map((d: { path: string }) => d.path),
      ['body.rows.1.accountExternalId'],
    );
    assert.equal(await contactCount(), before);

    const rows = [
      {
        externalId: 'b-1',
        accountExternalId: 'acme',
        firstName: 'One',
        email: 'one@acme.test',
        attributes: { champion: true },
      },
      { externalId: 'b-2', accountExternalId: 'beta', firstName: 'Two', tags: ['x'] },
      { externalId: 'c-ada', accountExternalId: 'acme', firstName: 'Ada', lastName: 'Lovelace' },
    ];
    assert.deepEqual((await bulk(rows)).json(), { created: 2, updated: 0, unchanged: 1 });
    assert.deepEqual((await bulk(rows)).json(), { created: 0, updated: 0, unchanged: 3 });
    const moved = await bulk([
      {
        externalId: 'b-1',
        accountExternalId: 'beta',
        firstName: 'One',
        attributes: { champion: null, title: 'VP' },
      },
    ]);
    assert.deepEqual(moved.json(), { created: 0, updated: 1, unchanged: 0 });
    const [one] = await t.deps.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, w.workspace.id), eq(contacts.externalId, 'b-1')));
    assert.equal(one!.accountId, w.betaB.id);
    assert.equal(one!.email, 'one@acme.test', 'fields not sent are kept');
    assert.deepEqual(one!.attributes, { title: 'VP' });
    assert.equal(one!.version, 2);
    const changes = await t.deps.db
      .select()
      .from(changeEvents)
      .where(eq(changeEvents.entityId, one!.id))
      .orderBy(changeEvents.id);
    assert.deepEqual(
      changes.map((c) => [c.kind, c.accountId]),
      [
        ['created', w.acmeA.id],
        ['updated', w.betaB.id],
      ],
    );
    // Advanced users are limited to their teams' accounts; standard users cannot bulk at all.
    assert.equal((await bulk(rows, w.tokens.standard)).statusCode, 403);
    const adv = await bulk(
      [{ externalId: 'b-9', accountExternalId: 'beta', firstName: 'Nine' }],
      w.tokens.advanced,
    );
    assert.deepEqual(
      adv.json().error.details.map((d: { path: string }) => d.path),
      ['body.rows.0.accountExternalId'],
    );
  });

  it('deletes (advanced+), refusing contacts that are task assignees', async () => {
    const [bob] = await t.deps.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, w.workspace.id), eq(contacts.externalId, 'c-bob')));
    assert.equal(
      (await call('DELETE', `/api/v1/contacts/${bob!.id}`, w.tokens.standardB)).statusCode,
      403,
    );
    await t.deps.db.insert(tasks).values({
      workspaceId: w.workspace.id,
      accountId: w.betaB.id,
      kind: 'todo',
      title: 'call',
      description: 'x',
      flowId: w.flow.id,
      dueDate: '2026-03-05',
      assigneeContactId: bob!.id,
    });
    assert.equal(
      (await call('DELETE', `/api/v1/contacts/${bob!.id}`, w.tokens.admin)).statusCode,
      409,
    );
    assert.equal(
      (await call('DELETE', `/api/v1/contacts/${ada.id}`, w.tokens.advanced)).statusCode,
      204,
    );
    assert.equal((await call('GET', `/api/v1/contacts/${ada.id}`, w.tokens.admin)).statusCode, 404);
    const kinds = (
      await t.deps.db
        .select()
        .from(changeEvents)
        .where(eq(changeEvents.entityId, ada.id))
        .orderBy(changeEvents.id)
    ).map((c) => c.kind);
    assert.equal(kinds.at(-1), 'deleted');
  });
});
