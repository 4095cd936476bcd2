import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { injectAs, twoWorkspaces, type Seeded } from '../test/fixtures.ts';
import { attributeDefinitions, forms, tasks } from '../db/schema/index.ts';

describe('forms', () => {
  let t: TestContext, w: Seeded, w2: Seeded;
  before(async () => {
    ({ t, w, w2 } = await twoWorkspaces());
    await t.deps.db.insert(attributeDefinitions).values([
      {
        workspaceId: w.workspace.id,
        entity: 'account',
        key: 'renewal_date',
        label: 'Renewal date',
        type: 'date',
      },
      {
        workspaceId: w.workspace.id,
        entity: 'account',
        key: 'plan',
        label: 'Plan',
        type: 'enum',
        enumValues: ['basic', 'pro'],
      },
      {
        workspaceId: w.workspace.id,
        entity: 'account',
        key: 'arr',
        label: 'ARR',
        type: 'number',
        crmSynced: true,
      },
      {
        workspaceId: w.workspace.id,
        entity: 'contact',
        key: 'title',
        label: 'Job title',
        type: 'text',
      },
      {
        workspaceId: w2.workspace.id,
        entity: 'account',
        key: 'region',
        label: 'Region',
        type: 'text',
      },
    ]);
  });
  after(() => t.close());

  const call = injectAs(() => t);
  const renewal = {
    name: 'Renewal check',
    accountType: 'customer',
    fields: [
      { attributeKey: 'renewal_date', required: true },
      { attributeKey: 'plan', label: 'Current plan' },
      { attributeKey: 'arr' },
    ],
  };

  it('advanced users create forms bound to existing account attributes (crm_synced allowed)', async () => {
    const res = await call('POST', '/api/v1/forms', w.tokens.advanced, renewal);
    assert.equal(res.statusCode, 201, res.body);
    const f = res.json();
    assert.deepEqual(f.fields, [
      {
        attributeKey: 'renewal_date',
        label: 'Renewal date',
        required: true,
        type: 'date',
        enumValues: null,
      },
      {
        attributeKey: 'plan',
        label: 'Current plan',
        required: false,
        type: 'enum',
        enumValues: ['basic', 'pro'],
      },
      { attributeKey: 'arr', label: 'ARR', required: false, type: 'number', enumValues: null },
    ]);
    assert.equal(
      (await call('GET', `/api/v1/forms/${f.id}`, w.tokens.standard)).json().name,
      'Renewal check',
    );
  });

  it('refuses unknown, contact-only, other-workspace and duplicate field keys, and bad field counts', async () => {
    const cases: Array<[object[], string]> = [
      [[{ attributeKey: 'nope' }], 'body.fields.0.attributeKey'],
      [[{ attributeKey: 'plan' }, { attributeKey: 'title' }], 'body.fields.1.attributeKey'],
      [[{ attributeKey: 'region' }], 'body.fields.0.attributeKey'],
      [[{ attributeKey: 'plan' }, { attributeKey: 'plan' }], 'body.fields.1.attributeKey'],
      [[], 'body.fields'],
      [Array.from({ length: 51 }, () => ({ attributeKey: 'plan' })), 'body.fields'],
    ];
    for (const [fields, path] of cases) {
      const res = await call('POST', '/api/v1/forms', w.tokens.admin, {
        name: `Bad ${path}`,
        accountType: 'customer',
        fields,
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        res.json().error.details.some((d: { path: string }) => d.path === path),
        `${path}: ${res.body}`,
      );
    }
    assert.equal(
      (await t.deps.db.select().from(forms).where(eq(forms.workspaceId, w.workspace.id))).length,
      1,
    );
  });

  it('standard users cannot write forms; duplicate names are 409', async () => {
    const [form] = await t.deps.db
      .select()
      .from(forms)
      .where(eq(forms.workspaceId, w.workspace.id));
    for (const res of [
      await call('POST', '/api/v1/forms', w.tokens.standard, { ...renewal, name: 'Mine' }),
      await call('PATCH', `/api/v1/forms/${form!.id}`, w.tokens.standard, { name: 'Mine' }),
      await call('DELETE', `/api/v1/forms/${form!.id}`, w.tokens.standard),
    ]) {
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'forbidden');
    }
    assert.equal(
      (
        await call('POST', '/api/v1/forms', w.tokens.advanced, {
          ...renewal,
          name: 'renewal CHECK',
        })
      ).statusCode,
      409,
    );
  });

  it('filters by account type and edits fields', async () => {
    const partner = await call('POST', '/api/v1/forms', w.tokens.advanced, {
      name: 'Partner intake',
      accountType: 'partner',
      fields: [{ attributeKey: 'plan' }],
    });
    assert.equal(partner.statusCode, 201);
    const customer = (
      await call('GET', '/api/v1/forms?accountType=customer', w.tokens.standard)
    ).json();
    assert.deepEqual(
      customer.data.map((f: { name: string }) => f.name),
      ['Renewal check'],
    );
    const edited = await call('PATCH', `/api/v1/forms/${partner.json().id}`, w.tokens.advanced, {
      fields: [{ attributeKey: 'arr', required: true }],
    });
    assert.equal(edited.statusCode, 200);
    assert.deepEqual(
      edited.json().fields.map((f: { attributeKey: string }) => f.attributeKey),
      ['arr'],
    );
    const bad = await call('PATCH', `/api/v1/forms/${partner.json().id}`, w.tokens.advanced, {
      fields: [{ attributeKey: 'ghost' }],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(
      (
        await call('PATCH', `/api/v1/forms/${partner.json().id}`, w.tokens.advanced, {
          surprise: 1,
        })
      ).statusCode,
      400,
    );
    assert.deepEqual(
      (await call('GET', `/api/v1/forms/${partner.json().id}`, w.tokens.admin)).json().fields[0]
        .attributeKey,
      'arr',
    );
  });

  it('other workspaces’ forms are 404 and unlisted', async () => {
    const theirs = await call('POST', '/api/v1/forms', w2.tokens.admin, {
      name: 'Theirs',
      accountType: 'customer',
      fields: [{ attributeKey: 'region' }],
    });
    assert.equal(theirs.statusCode, 201);
    const id = theirs.json().id;
    assert.equal((await call('GET', `/api/v1/forms/${id}`, w.tokens.admin)).statusCode, 404);
    assert.equal(
      (await call('PATCH', `/api/v1/forms/${id}`, w.tokens.admin, { name: 'Mine' })).statusCode,
      404,
    );
    assert.equal((await call('DELETE', `/api/v1/forms/${id}`, w.tokens.admin)).statusCode, 404);
    assert.ok(
      !(await call('GET', '/api/v1/forms', w.tokens.admin))
        .json()
        .data.some((f: { id: string }) => f.id === id),
    );
  });

  it('a form used by a task cannot be deleted', async () => {
    const [form] = await t.deps.db.select().from(forms).where(eq(forms.name, 'Renewal check'));
    await t.deps.db.insert(tasks).values({
      workspaceId: w.workspace.id,
      accountId: w.acmeA.id,
      kind: 'request_info',
      title: 'Fill in',
      description: 'd',
      flowId: w.flow.id,
      assigneeUserId: w.users.standard.id,
      dueDate: '2026-03-10',
      formId: form!.id,
    });
    assert.equal(
      (await call('DELETE', `/api/v1/forms/${form!.id}`, w.tokens.advanced)).statusCode,
      409,
    );
    const spare = (await call('GET', '/api/v1/forms?accountType=partner', w.tokens.admin)).json()
      .data[0];
    assert.equal(
      (await call('DELETE', `/api/v1/forms/${spare.id}`, w.tokens.advanced)).statusCode,
      204,
    );
  });
});
