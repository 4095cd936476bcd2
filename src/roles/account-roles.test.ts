import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { injectAs, twoWorkspaces, type Seeded } from '../test/fixtures.ts';
import { accountRoleHolders, accountRoles } from '../db/schema/index.ts';

describe('account role definitions', () => {
  let t: TestContext, w: Seeded, w2: Seeded;
  before(async () => ({ t, w, w2 } = await twoWorkspaces()));
  after(() => t.close());

  const call = injectAs(() => t);

  it('standard users read but cannot write (403)', async () => {
    const [role] = await t.deps.db
      .insert(accountRoles)
      .values({ workspaceId: w.workspace.id, name: 'Sales Manager' })
      .returning();
    assert.equal(
      (await call('GET', '/api/v1/account-roles', w.tokens.standard)).json().data[0].name,
      'Sales Manager',
    );
    for (const res of [
      await call('POST', '/api/v1/account-roles', w.tokens.standard, { name: 'Success Manager' }),
      await call('PATCH', `/api/v1/account-roles/${role!.id}`, w.tokens.standard, { name: 'X' }),
      await call('DELETE', `/api/v1/account-roles/${role!.id}`, w.tokens.standard),
    ]) {
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'forbidden');
    }
    const rows = await t.deps.db
      .select()
      .from(accountRoles)
      .where(eq(accountRoles.workspaceId, w.workspace.id));
    assert.deepEqual(
      rows.map((r) => r.name),
      ['Sales Manager'],
    );
  });

  it('advanced users create and rename; duplicate names are 409', async () => {
    const res = await call('POST', '/api/v1/account-roles', w.tokens.advanced, {
      name: 'Success Manager',
    });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(Object.keys(res.json()).sort(), ['holderCount', 'id', 'name']);
    assert.equal(
      (await call('POST', '/api/v1/account-roles', w.tokens.admin, { name: 'success manager' }))
        .statusCode,
      409,
    );
    assert.equal(
      (
        await call('PATCH', `/api/v1/account-roles/${res.json().id}`, w.tokens.advanced, {
          name: 'Sales Manager',
        })
      ).statusCode,
      409,
    );
    const renamed = await call(
      'PATCH',
      `/api/v1/account-roles/${res.json().id}`,
      w.tokens.advanced,
      { name: 'CSM' },
    );
    assert.equal(renamed.json().name, 'CSM');
    assert.equal(
      (await call('POST', '/api/v1/account-roles', w2.tokens.admin, { name: 'CSM' })).statusCode,
      201,
    );
  });

  it('other workspaces’ roles are 404 and never listed', async () => {
    const [other] = await t.deps.db
      .insert(accountRoles)
      .values({ workspaceId: w2.workspace.id, name: 'Theirs' })
      .returning();
    assert.equal(
      (await call('PATCH', `/api/v1/account-roles/${other!.id}`, w.tokens.admin, { name: 'Mine' }))
        .statusCode,
      404,
    );
    assert.equal(
      (await call('DELETE', `/api/v1/account-roles/${other!.id}`, w.tokens.admin)).statusCode,
      404,
    );
    assert.ok(
      !(await call('GET', '/api/v1/account-roles', w.tokens.admin))
        .json()
        .data.some((r: { id: string }) => r.id === other!.id),
    );
  });

  it('a role held on accounts cannot be deleted; an unheld one can', async () => {
    const created = (
      await call('POST', '/api/v1/account-roles', w.tokens.advanced, { name: 'Exec Sponsor' })
    ).json();
    await t.deps.db.insert(accountRoleHolders).values({
      workspaceId: w.workspace.id,
      accountId: w.acmeA.id,
      roleId: created.id,
      userId: w.users.standard.id,
    });
    const listed = (await call('GET', '/api/v1/account-roles', w.tokens.standard))
      .json()
      .data.find((r: { id: string }) => r.id === created.id);
    assert.equal(listed.holderCount, 1);
    const refused = await call('DELETE', `/api/v1/account-roles/${created.id}`, w.tokens.advanced);
    assert.equal(refused.statusCode, 409);
    await t.deps.db.delete(accountRoleHolders).where(eq(accountRoleHolders.roleId, created.id));
    assert.equal(
      (await call('DELETE', `/api/v1/account-roles/${created.id}`, w.tokens.advanced)).statusCode,
      204,
    );
    assert.equal(
      (await t.deps.db.select().from(accountRoles).where(eq(accountRoles.id, created.id))).length,
      0,
    );
  });
});
