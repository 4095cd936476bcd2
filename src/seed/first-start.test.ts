import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { seedIfEmpty } from './seed.ts';
import { users, workspaces } from '../db/schema/index.ts';

const TOKEN = 'pmk_first_start_token_0123456789abcdef';

describe('first start on an empty database', () => {
  let t: TestContext;
  before(async () => {
    t = await testContext({
      env: {
        PLAYMAKER_ADMIN_EMAIL: 'owner@acme.test',
        PLAYMAKER_ADMIN_PASSWORD: 'correct horse battery',
        PLAYMAKER_ADMIN_TOKEN: TOKEN,
      },
    });
  });
  after(() => t.close());
  const count = async (table: typeof workspaces | typeof users) =>
    (await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

  it('"none" creates nothing', async () => {
    assert.equal(await seedIfEmpty(t.deps, 'none'), null);
    assert.equal(await count(workspaces), 0);
  });

  it('"empty": processes starting at once create one workspace with its admin, and the token works', async () => {
    const results = await Promise.all([
      seedIfEmpty(t.deps, 'empty'),
      seedIfEmpty(t.deps, 'empty'),
      seedIfEmpty(t.deps, 'empty'),
    ]);
    assert.equal(results.filter(Boolean).length, 1, 'exactly one process seeded');
    assert.deepEqual(results.find(Boolean), {
      email: 'owner@acme.test',
      password: 'correct horse battery',
    });
    assert.equal(await count(workspaces), 1);
    assert.equal(await count(users), 1);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().role, 'admin');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@acme.test', password: 'correct horse battery' },
    });
    assert.equal(login.statusCode, 200);
  });

  it('a later start finds the workspace and seeds nothing, demo included', async () => {
    assert.equal(await seedIfEmpty(t.deps, 'demo'), null);
    assert.equal(await seedIfEmpty(t.deps, 'empty'), null);
    assert.equal(await count(workspaces), 1);
  });
});
