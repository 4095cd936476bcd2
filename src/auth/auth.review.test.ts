// Review findings on sign-in: rate-limit keys, the Secure cookie flag, and the login answer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testContext, type TestContext } from '../test/harness.ts';
import { PASSWORD, seedWorkspace } from '../test/fixtures.ts';
import { buildApp } from '../http/app.ts';

describe('auth review', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  before(async () => {
    t = await testContext({
      env: { PLAYMAKER_LOGIN_RATE_LIMIT: '3', PLAYMAKER_PUBLIC_URL: 'https://pm.example.com' },
    });
    w = await seedWorkspace(t.deps);
  });
  after(() => t.close());

  const login = (email: string, password: string, remoteAddress = '10.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress,
    });

  it('limits guesses per address and e-mail, so one guessed account does not lock out its colleagues', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await login('advanced@w1.test', `guess-${i}`)).statusCode);
    assert.deepEqual(codes.slice(0, 3), [401, 401, 401]);
    assert.equal(codes[4], 429);
    // The same e-mail with other capitalisation is the same bucket.
    assert.equal((await login(' Advanced@W1.test', PASSWORD)).statusCode, 429);
    // A colleague behind the same address still signs in.
    assert.equal((await login('standard@w1.test', PASSWORD)).statusCode, 200);
  });

  it('also bounds attempts from one address over many e-mails (credential stuffing)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 16; i++)
      codes.push((await login(`nobody${i}@w1.test`, 'x', '10.0.0.2')).statusCode);
    assert.equal(codes.filter((c) => c === 429).length, 1, `codes: ${codes.join(',')}`);
    assert.equal(codes[15], 429);
    // Another address is not affected.
    assert.equal((await login('standardb@w1.test', PASSWORD, '10.0.0.3')).statusCode, 200);
  });

  it('counts attempts across API processes sharing one database, and a new window starts after a minute', async () => {
    const second = await buildApp(t.deps); // another process's app on the same database
    await second.ready();
    try {
      const on = (app: typeof t.app, i: number) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'standardb@w1.test', password: `wrong-${i}` },
          remoteAddress: '10.0.0.9',
        });
      const codes = [
        (await on(t.app, 0)).statusCode,
        (await on(second, 1)).statusCode,
        (await on(t.app, 2)).statusCode,
        (await on(second, 3)).statusCode,
      ];
      assert.deepEqual(
        codes,
        [401, 401, 401, 429],
        'the fourth attempt is refused whichever process gets it',
      );
      t.clock.advanceMs(61_000);
      assert.equal((await on(second, 4)).statusCode, 401, 'counted afresh after the window');
    } finally {
      await second.close();
    }
  });

  it('marks the session cookie Secure when the public URL is https (PLAYMAKER_SECURE_COOKIES=auto)', async () => {
    const res = await login('admin@w1.test', PASSWORD, '10.0.0.4');
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'pm_session');
    assert.equal(cookie?.secure, true);
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Lax');
  });

  it("answers the login with the user's real teams", async () => {
    const res = await login('standard@w1.test', PASSWORD, '10.0.0.5');
    assert.deepEqual(res.json().teamIds, [w.teamA.id]);
    assert.ok(!res.body.includes('passwordHash') && !res.body.includes('$argon2'));
  });
});
