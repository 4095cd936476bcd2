import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { injectAs, twoWorkspaces, type Seeded } from '../test/fixtures.ts';
import {
  accounts,
  attributeDefinitions,
  changeEvents,
  contacts,
  forms,
  timelineEvents,
} from '../db/schema/index.ts';

describe('attribute definitions and the attribute event endpoint', () => {
  let t: TestContext, w: Seeded, other: Seeded;
  before(async () => ({ t, w, w2: other } = await twoWorkspaces(['attr1', 'attr2'])));
  after(() => t.close());

  const call = injectAs(() => t);
  const define = (body: unknown, token = w.tokens.admin) =>
    call('POST', '/api/v1/attribute-definitions', token, body);

  it('admins define attributes; keys are snake case; enums need values; duplicates conflict', async () => {
    assert.equal(
      (
        await define(
          { entity: 'account', key: 'arr', label: 'ARR', type: 'number' },
          w.tokens.advanced,
        )
      ).statusCode,
      403,
    );
    const ok = await define({
      entity: 'account',
      key: 'tier',
      label: 'Tier',
      type: 'enum',
      enumValues: ['gold', 'silver'],
      crmSynced: true,
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const { id: _id, createdAt: _at, ...created } = ok.json() as Record<string, unknown>;
    assert.deepEqual(created, {
      entity: 'account',
      key: 'tier',
      label: 'Tier',
      type: 'enum',
      enumValues: ['gold', 'silver'],
      crmSynced: true,
    });
    for (const key of ['Tier', '1tier', 'tier-x', '', 'x'.repeat(65)]) {
      const res = await define({ entity: 'account', key, label: 'L', type: 'text' });
      assert.equal(res.statusCode, 400, key);
      assert.equal(res.json().error.details[0].path, 'body.key');
    }
    assert.equal(
      (await define({ entity: 'account', key: 'x'.repeat(64), label: 'Long', type: 'text' }))
        .statusCode,
      201,
    );
    const noValues = await define({ entity: 'account', key: 'stage2', label: 'S', type: 'enum' });
    assert.equal(noValues.json().error.details[0].path, 'body.enumValues');
    const stray = await define({
      entity: 'account',
      key: 'stage3',
      label: 'S',
      type: 'text',
      enumValues: ['a'],
    });
    assert.equal(stray.json().error.details[0].path, 'body.enumValues');
    const dup = await define({ entity: 'account', key: 'tier', label: 'Again', type: 'text' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.details[0].path, 'body.key');
    // The same key may exist for contacts, and in another workspace.
    assert.equal(
      (await define({ entity: 'contact', key: 'tier', label: 'Tier', type: 'text' })).statusCode,
      201,
    );
    assert.equal(
      (
        await define(
          { entity: 'account', key: 'tier', label: 'Tier', type: 'text' },
          other.tokens.admin,
        )
      ).statusCode,
      201,
    );
    await define({ entity: 'account', key: 'renewal_date', label: 'Renewal', type: 'date' });
    await define({ entity: 'account', key: 'arr', label: 'ARR', type: 'number' });
  });

  it('any user lists them, by entity, and only their workspace', async () => {
    const all = await call(
      'GET',
      '/api/v1/attribute-definitions?entity=account',
      w.tokens.standard,
    );
    assert.deepEqual(
      all.json().data.map((d: { key: string }) => d.key),
      ['arr', 'renewal_date', 'tier', 'x'.repeat(64)],
    );
    const contactDefs = await call(
      'GET',
      '/api/v1/attribute-definitions?entity=contact',
      w.tokens.standardB,
    );
    assert.deepEqual(
      contactDefs.json().data.map((d: { key: string; type: string }) => [d.key, d.type]),
      [['tier', 'text']],
    );
    assert.equal(
      (await call('GET', '/api/v1/attribute-definitions?entity=task', w.tokens.admin)).statusCode,
      400,
    );
    assert.equal(
      (await call('GET', '/api/v1/attribute-definitions', other.tokens.admin)).json().data.length,
      1,
    );
  });

  it('the type is immutable; label, enum values and the CRM flag can change', async () => {
    const [tier] = await t.deps.db
      .select()
      .from(attributeDefinitions)
      .where(
        and(
          eq(attributeDefinitions.workspaceId, w.workspace.id),
          eq(attributeDefinitions.key, 'tier'),
          eq(attributeDefinitions.entity, 'account'),
        ),
      );
    const url = `/api/v1/attribute-definitions/${tier!.id}`;
    const typeChange = await call('PATCH', url, w.tokens.admin, { type: 'text' });
    assert.equal(typeChange.statusCode, 400);
    assert.equal(typeChange.json().error.details[0].path, 'body.type');
    assert.equal((await call('PATCH', url, w.tokens.admin, { key: 'level' })).statusCode, 400);
    assert.equal((await call('PATCH', url, w.tokens.standard, { label: 'Level' })).statusCode, 403);
    const ok = await call('PATCH', url, w.tokens.admin, {
      type: 'enum',
      label: 'Level',
      enumValues: ['gold', 'silver', 'bronze'],
      crmSynced: false,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(
      [ok.json().label, ok.json().enumValues, ok.json().crmSynced],
      ['Level', ['gold', 'silver', 'bronze'], false],
    );
    assert.equal((await call('PATCH', url, other.tokens.admin, { label: 'Mine' })).statusCode, 404);
    const [after] = await t.deps.db
      .select()
      .from(attributeDefinitions)
      .where(eq(attributeDefinitions.id, tier!.id));
    assert.equal(after!.type, 'enum');
  });

  it('the event endpoint merges validated values, bumps the version, records change and timeline', async () => {
    const push = (body: unknown, token = w.tokens.admin) =>
      call('POST', '/api/v1/events/attributes', token, body);
    const res = await push({ accountExternalId: 'acme', attributes: { arr: 5000, tier: 'gold' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      entity: 'account',
      id: w.acmeA.id,
      accountId: w.acmeA.id,
      version: 2,
      changed: ['arr', 'tier'],
    });
    const again = await push({ accountId: w.acmeA.id, attributes: { arr: 5000 } });
    assert.deepEqual([again.json().version, again.json().changed], [2, []]);
    const cleared = await push({ accountId: w.acmeA.id, attributes: { arr: null } });
    assert.equal(cleared.json().version, 3);
    const [acme] = await t.deps.db.select().from(accounts).where(eq(accounts.id, w.acmeA.id));
    assert.deepEqual(acme!.attributes, { tier: 'gold' });
    const timeline = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(
        and(eq(timelineEvents.accountId, w.acmeA.id), eq(timelineEvents.type, 'attribute_changed')),
      )
      .orderBy(timelineEvents.id);
    assert.deepEqual(
      timeline.map((e) => [e.payload.key, e.payload.from, e.payload.to]),
      [
        ['arr', null, 5000],
        ['tier', null, 'gold'],
        ['arr', 5000, null],
      ],
    );
    const changes = await t.deps.db
      .select()
      .from(changeEvents)
      .where(eq(changeEvents.entityId, w.acmeA.id));
    assert.equal(changes.length, 2);

    const bad = await push({
      accountExternalId: 'acme',
      attributes: { tier: 'bronze2', renewal_date: '2026-13-01', nope: true },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
      ['body.attributes.nope', 'body.attributes.renewal_date', 'body.attributes.tier'],
    );
    assert.equal(
      (await push({ accountExternalId: 'acme', accountId: w.acmeA.id, attributes: { arr: 1 } }))
        .statusCode,
      400,
    );
    assert.equal(
      (await push({ accountExternalId: 'acme', attributes: { arr: 1 } }, w.tokens.standardB))
        .statusCode,
      404,
    );
    assert.equal(
      (await push({ accountId: w.acmeA.id, attributes: { tier: 'gold' } }, other.tokens.admin))
        .statusCode,
      404,
    );
    const [still] = await t.deps.db.select().from(accounts).where(eq(accounts.id, w.acmeA.id));
    assert.equal(still!.version, 3);

    const [contact] = await t.deps.db
      .insert(contacts)
      .values({
        workspaceId: w.workspace.id,
        accountId: w.acmeA.id,
        externalId: 'crm-7',
        firstName: 'Cy',
      })
      .returning();
    const c = await push(
      { contactExternalId: 'crm-7', attributes: { tier: 'platinum' } },
      w.tokens.standard,
    );
    assert.deepEqual(c.json(), {
      entity: 'contact',
      id: contact!.id,
      accountId: w.acmeA.id,
      version: 2,
      changed: ['tier'],
    });
    const contactChange = await t.deps.db
      .select()
      .from(changeEvents)
      .where(eq(changeEvents.entityId, contact!.id));
    assert.deepEqual(
      contactChange.map((e) => [e.entity, e.accountId]),
      [['contact', w.acmeA.id]],
    );
  });

  it('deleting a definition clears its values (with change events) unless a form uses it', async () => {
    const defs = await t.deps.db
      .select()
      .from(attributeDefinitions)
      .where(eq(attributeDefinitions.workspaceId, w.workspace.id));
    const tier = defs.find((d) => d.key === 'tier' && d.entity === 'account')!;
    await t.deps.db.insert(forms).values({
      workspaceId: w.workspace.id,
      name: 'QBR',
      accountType: 'customer',
      fields: [{ attributeKey: 'tier', label: 'Tier', required: true }],
    });
    const blocked = await call(
      'DELETE',
      `/api/v1/attribute-definitions/${tier.id}`,
      w.tokens.admin,
    );
    assert.equal(blocked.statusCode, 409);
    await t.deps.db.delete(forms).where(eq(forms.workspaceId, w.workspace.id));
    assert.equal(
      (await call('DELETE', `/api/v1/attribute-definitions/${tier.id}`, w.tokens.standard))
        .statusCode,
      403,
    );
    const res = await call('DELETE', `/api/v1/attribute-definitions/${tier.id}`, w.tokens.admin);
    assert.deepEqual(res.json(), { clearedRecords: 1 });
    const [acme] = await t.deps.db.select().from(accounts).where(eq(accounts.id, w.acmeA.id));
    assert.deepEqual([acme!.attributes, acme!.version], [{}, 4]);
    const [contact] = await t.deps.db
      .select()
      .from(contacts)
      .where(eq(contacts.externalId, 'crm-7'));
    assert.deepEqual(
      contact!.attributes,
      { tier: 'platinum' },
      'the contact attribute of the same key stays',
    );
    const last = (
      await t.deps.db
        .select()
        .from(changeEvents)
        .where(eq(changeEvents.entityId, w.acmeA.id))
        .orderBy(changeEvents.id)
    ).at(-1);
    assert.deepEqual(last!.payload.changed, ['attributes.tier']);
    const push = await call('POST', '/api/v1/events/attributes', w.tokens.admin, {
      accountId: w.acmeA.id,
      attributes: { tier: 'gold' },
    });
    assert.equal(push.statusCode, 400);
  });
});
