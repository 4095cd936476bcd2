import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { injectAs, twoWorkspaces, type Seeded } from '../test/fixtures.ts';
import { flows, tasks } from '../db/schema/index.ts';

describe('flows', () => {
  let t: TestContext, w: Seeded, w2: Seeded;
  before(async () => ({ t, w, w2 } = await twoWorkspaces()));
  after(() => t.close());

  const call = injectAs(() => t);

  it('lists flows to anyone; standard users cannot write', async () => {
    const list = await call('GET', '/api/v1/flows', w.tokens.standard);
    assert.deepEqual(
      list.json().data.map((f: { name: string }) => f.name),
      ['Onboarding', 'Renewal'],
    );
    for (const res of [
      await call('POST', '/api/v1/flows', w.tokens.standard, { name: 'Risk' }),
      await call('PATCH', `/api/v1/flows/${w.flow.id}`, w.tokens.standard, { name: 'X' }),
      await call('DELETE', `/api/v1/flows/${w.flow.id}`, w.tokens.standard),
    ]) {
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'forbidden');
    }
    assert.equal(
      (await t.deps.db.select().from(flows).where(eq(flows.workspaceId, w.workspace.id))).length,
      2,
    );
  });

  it('advanced users create and rename; duplicates are 409', async () => {
    const res = await call('POST', '/api/v1/flows', w.tokens.advanced, { name: 'Risk' });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), { id: res.json().id, name: 'Risk', taskCount: 0 });
    assert.equal(
      (await call('POST', '/api/v1/flows', w.tokens.advanced, { name: 'RENEWAL' })).statusCode,
      409,
    );
    assert.equal(
      (
        await call('PATCH', `/api/v1/flows/${res.json().id}`, w.tokens.advanced, {
          name: 'onboarding',
        })
      ).statusCode,
      409,
    );
    assert.equal(
      (
        await call('PATCH', `/api/v1/flows/${res.json().id}`, w.tokens.advanced, {
          name: 'Churn risk',
        })
      ).json().name,
      'Churn risk',
    );
  });

  it('a flow used by tasks cannot be deleted (409); an unused one can', async () => {
    await t.deps.db.insert(tasks).values({
      workspaceId: w.workspace.id,
      accountId: w.acmeA.id,
      kind: 'todo',
      title: 't',
      description: 'd',
      flowId: w.flow.id,
      assigneeUserId: w.users.standard.id,
      dueDate: '2026-03-10',
      status: 'completed',
      completedAt: new Date(),
    });
    const refused = await call('DELETE', `/api/v1/flows/${w.flow.id}`, w.tokens.advanced);
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'conflict');
    assert.equal(
      (await call('GET', '/api/v1/flows', w.tokens.standard))
        .json()
        .data.find((f: { id: string }) => f.id === w.flow.id).taskCount,
      1,
    );
    const created = (
      await call('POST', '/api/v1/flows', w.tokens.advanced, { name: 'Temp' })
    ).json();
    assert.equal(
      (await call('DELETE', `/api/v1/flows/${created.id}`, w.tokens.admin)).statusCode,
      204,
    );
  });

  it('other workspaces’ flows are 404', async () => {
    assert.equal(
      (await call('PATCH', `/api/v1/flows/${w2.flow.id}`, w.tokens.admin, { name: 'Mine' }))
        .statusCode,
      404,
    );
    assert.equal(
      (await call('DELETE', `/api/v1/flows/${w2.flow.id}`, w.tokens.admin)).statusCode,
      404,
    );
    assert.equal(
      (await t.deps.db.select().from(flows).where(eq(flows.id, w2.flow.id)))[0]!.name,
      'Onboarding',
    );
  });
});
