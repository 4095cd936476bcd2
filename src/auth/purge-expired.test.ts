import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testContext, type TestContext } from '../test/harness.ts';
import { PASSWORD, seedWorkspace } from '../test/fixtures.ts';
import { idempotencyKeys, sessions } from '../db/schema/index.ts';
import { purgeExpired } from './purge-expired.ts';

describe('purging expired sessions and idempotency keys', () => {
  let t: TestContext;
  before(async () => {
    t = await testContext();
    await seedWorkspace(t.deps);
  });
  after(() => t.close());

  it('removes only what has expired', async () => {
    const login = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'standard@w1.test', password: PASSWORD },
      });
    assert.equal((await login()).statusCode, 200);
    const w = (await t.deps.db.select().from(sessions))[0]!;
    await t.deps.db.insert(idempotencyKeys).values({
      workspaceId: w.workspaceId,
      userId: w.userId,
      key: 'old',
      requestHash: 'x',
      createdAt: t.clock.now(),
    });
    assert.deepEqual(await purgeExpired(t.deps), { sessions: 0, idempotencyKeys: 0 });
    t.clock.advanceDays(2);
    assert.equal((await login()).statusCode, 200, 'a fresh session');
    assert.deepEqual(await purgeExpired(t.deps), { sessions: 0, idempotencyKeys: 1 });
    t.clock.advanceDays(13);
    assert.deepEqual(await purgeExpired(t.deps), { sessions: 1, idempotencyKeys: 0 });
    assert.equal((await t.deps.db.select().from(sessions)).length, 1);
  });
});
