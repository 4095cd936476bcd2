import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { bearer, PASSWORD, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { sessions, users } from '../db/schema/index.ts';

describe('auth', () => {
  let t: TestContext, w: Seeded;
  before(async () => ({ t, w } = await oneWorkspace()));
  after(() => t.close());

  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

  it('refuses anonymous calls with the one error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'unauthenticated');
    assert.ok(Array.isArray(res.json().error.details));
  });

  it('logs in with a password, sets an http-only cookie, and needs CSRF for writes', async () => {
    const res = await login('Standard@w1.test', PASSWORD);
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'pm_session');
    assert.ok(cookie?.httpOnly);
    const csrf = res.json().csrfToken as string;
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { pm_session: cookie!.value },
    });
    assert.equal(me.json().email, 'standard@w1.test');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { pm_session: cookie!.value },
      payload: { name: 'x' },
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json().error.code, 'csrf_failed');
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { pm_session: cookie!.value },
      headers: { 'x-csrf-token': csrf },
      payload: { name: 'x' },
    });
    assert.equal(withCsrf.statusCode, 201);
    assert.match(withCsrf.json().token, /^pmk_/);
    // Logout ends the session server-side: the old cookie no longer works.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { pm_session: cookie!.value },
    });
    const afterLogout = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { pm_session: cookie!.value },
    });
    assert.equal(afterLogout.statusCode, 401);
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    const a = await login('standard@w1.test', 'wrong password');
    const b = await login('nobody@w1.test', PASSWORD);
    assert.equal(a.statusCode, 401);
    assert.equal(b.statusCode, 401);
    assert.equal(a.json().error.message, b.json().error.message);
  });

  it('revoked tokens and disabled users are refused at once', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(w.tokens.advanced),
      payload: { name: 'ci' },
    });
    const { id, token } = created.json();
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).statusCode,
      200,
    );
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${id}`,
      headers: bearer(w.tokens.advanced),
    });
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).statusCode,
      401,
    );

    const s = await login('standardb@w1.test', PASSWORD);
    const cookie = s.cookies.find((c) => c.name === 'pm_session')!.value;
    await t.deps.db.update(users).set({ enabled: false }).where(eq(users.id, w.users.standardB.id));
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { pm_session: cookie } }))
        .statusCode,
      401,
    );
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/me',
          headers: bearer(w.tokens.standardB),
        })
      ).statusCode,
      401,
    );
    void sessions;
  });

  it('rate-limits password guessing', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++)
      codes.push((await login('admin@w1.test', `guess-${i}`)).statusCode);
    assert.ok(codes.includes(429));
    assert.equal(codes.filter((c) => c === 429).length >= 1, true);
  });
});
