// SSO against a real OpenID provider (oidc-provider) on loopback: the browser's round trip is driven by hand —
// Playmaker's start redirect, the provider's own login form, its redirects, Playmaker's callback — with cookies
// carried for each side.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { count, eq } from 'drizzle-orm';
import { testContext, type TestContext } from '../../test/harness.ts';
import { PASSWORD, seedWorkspace } from '../../test/fixtures.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { loadConfig } from '../../config.ts';
import { startTestProvider, type TestProvider } from './test-provider.ts';

const PUBLIC_URL = 'http://playmaker.test';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/oidc/callback`;

const oidcEnv = (op: TestProvider, extra: Record<string, string> = {}) => ({
  PLAYMAKER_OIDC_ISSUER: op.issuer,
  PLAYMAKER_OIDC_CLIENT_ID: op.clientId,
  PLAYMAKER_OIDC_CLIENT_SECRET: op.clientSecret,
  PLAYMAKER_OIDC_ALLOWED_DOMAINS: 'w1.test, newco.test',
  PLAYMAKER_OIDC_ROLE_CLAIM: 'playmaker_role',
  PLAYMAKER_PUBLIC_URL: PUBLIC_URL,
  ...extra,
});

/** Cookies of one site, as a browser would keep them (paths ignored: every request here goes to the provider). */
function cookieJar() {
  const jar = new Map<string, string>();
  return {
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    take(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
    },
  };
}

describe('OIDC single sign-on', () => {
  let op: TestProvider;
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  before(async () => {
    op = await startTestProvider();
    op.allowRedirect(CALLBACK);
    t = await testContext({ env: oidcEnv(op) });
    w = await seedWorkspace(t.deps);
    await seedWorkspace(t.deps, 'w2');
    op.identities.set('sam', {
      email: 'Standard@W1.test',
      email_verified: true,
      name: 'Sam at the provider',
    });
    op.identities.set('newbie', {
      email: 'newbie@w1.test',
      email_verified: true,
      name: 'New Person',
    });
    op.identities.set('lead', {
      email: 'lead@w1.test',
      email_verified: true,
      playmaker_role: 'advanced',
    });
    op.identities.set('boss', {
      email: 'boss@w1.test',
      email_verified: true,
      playmaker_role: 'owner',
    });
    op.identities.set('eve', { email: 'eve@elsewhere.test', email_verified: true });
    op.identities.set('newco', { email: 'first@newco.test', email_verified: true });
    op.identities.set('unverified', { email: 'standardb@w1.test', email_verified: false });
    op.identities.set('bea', { email: 'standardb@w1.test', email_verified: true });
  });
  after(async () => {
    await t?.close();
    await op?.close();
  });

  /** Start at Playmaker, log in at the provider as `login`; returns Playmaker's callback path and this browser's state cookie. */
  async function throughProvider(login: string) {
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    assert.equal(start.statusCode, 302);
    const state = start.cookies.find((c) => c.name === 'pm_oidc_state');
    assert.ok(state?.httpOnly, 'the state cookie is HttpOnly');
    const authorize = new URL(start.headers.location as string);
    assert.equal(authorize.origin, op.issuer);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('nonce') && authorize.searchParams.get('code_challenge'));
    assert.equal(authorize.searchParams.get('state'), state.value);
    const jar = cookieJar();
    let url = authorize.href;
    for (let hop = 0; hop < 10; hop++) {
      if (url.startsWith(CALLBACK))
        return { callback: url.slice(PUBLIC_URL.length), state: state.value };
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.take(res);
      if (res.status >= 300 && res.status < 400) {
        await res.arrayBuffer();
        url = new URL(res.headers.get('location')!, url).href;
        continue;
      }
      // The provider's sign-in form: any password is accepted for a known login.
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      assert.ok(
        action,
        `expected the provider's login form, got ${res.status}: ${html.slice(0, 300)}`,
      );
      const submitted = await fetch(new URL(action, url), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'anything' }),
      });
      jar.take(submitted);
      await submitted.arrayBuffer();
      url = new URL(submitted.headers.get('location')!, url).href;
    }
    throw new Error('the provider never redirected back to Playmaker');
  }

  const callback = (path: string, state: string | undefined) =>
    t.app.inject({
      method: 'GET',
      url: path,
      cookies: state === undefined ? {} : { pm_oidc_state: state },
    });

  async function signIn(login: string) {
    const { callback: path, state } = await throughProvider(login);
    return { res: await callback(path, state), path, state };
  }

  const totals = async () => ({
    users: (await t.deps.db.select({ n: count() }).from(users))[0]!.n,
    sessions: (await t.deps.db.select({ n: count() }).from(sessions))[0]!.n,
  });

  /** A refusal lands on the sign-in page with a message, sets no session and creates nothing. */
  async function assertRefused(
    res: Awaited<ReturnType<typeof callback>>,
    before: Awaited<ReturnType<typeof totals>>,
    message: RegExp,
  ) {
    assert.equal(res.statusCode, 302);
    const to = new URL(res.headers.location as string, PUBLIC_URL);
    assert.equal(to.pathname, '/');
    assert.match(to.searchParams.get('sso_error') ?? '', message);
    assert.equal(
      res.cookies.find((c) => c.name === 'pm_session'),
      undefined,
    );
    assert.deepEqual(await totals(), before);
  }

  it('tells the sign-in page that SSO and password sign-in are on', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    assert.deepEqual(res.json(), { password: true, sso: true });
  });

  it('signs an existing user in by verified e-mail (any case) with a working session', async () => {
    const { res } = await signIn('sam');
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/');
    const session = res.cookies.find((c) => c.name === 'pm_session');
    assert.ok(session?.httpOnly);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { pm_session: session.value },
    });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().id, w.users.standard.id);
    assert.equal(me.json().name, 'Sam Standard', 'an existing user keeps their Playmaker profile');
    // The same CSRF protection as a password session.
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { pm_session: session.value },
      headers: { 'x-csrf-token': me.json().csrfToken },
      payload: { name: 'sso' },
    });
    assert.equal(write.statusCode, 201);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { pm_session: session.value },
      payload: { name: 'sso' },
    });
    assert.equal(noCsrf.statusCode, 403);
  });

  it('refuses a replayed state: the same callback a second time signs nobody in', async () => {
    const first = await signIn('sam');
    assert.ok(first.res.cookies.find((c) => c.name === 'pm_session'));
    await assertRefused(
      await callback(first.path, first.state),
      await totals(),
      /expired or was already used/,
    );
  });

  it('refuses a callback from a sign-in another browser started (no matching state cookie)', async () => {
    const { callback: path } = await throughProvider('sam');
    await assertRefused(await callback(path, undefined), await totals(), /another browser/);
  });

  it('refuses a sign-in that took longer than ten minutes', async () => {
    const { callback: path, state } = await throughProvider('sam');
    t.clock.advanceMs(11 * 60_000);
    await assertRefused(await callback(path, state), await totals(), /expired or was already used/);
  });

  it('creates an unknown user from an allowed domain as a standard user in the workspace of that domain', async () => {
    const { res } = await signIn('newbie');
    const session = res.cookies.find((c) => c.name === 'pm_session');
    assert.ok(session, `no session: ${res.headers.location}`);
    const [created] = await t.deps.db.select().from(users).where(eq(users.email, 'newbie@w1.test'));
    assert.equal(created?.role, 'standard');
    assert.equal(created?.workspaceId, w.workspace.id);
    assert.equal(created?.name, 'New Person');
    assert.equal(created?.passwordHash, null);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { pm_session: session.value },
    });
    assert.equal(me.json().email, 'newbie@w1.test');
    // Signing in again finds the same user.
    await signIn('newbie');
    assert.equal(
      (await t.deps.db.select().from(users).where(eq(users.email, 'newbie@w1.test'))).length,
      1,
    );
  });

  it('takes the role of a new user from the configured claim when it names a role, else standard', async () => {
    await signIn('lead');
    await signIn('boss');
    const [lead] = await t.deps.db.select().from(users).where(eq(users.email, 'lead@w1.test'));
    const [boss] = await t.deps.db.select().from(users).where(eq(users.email, 'boss@w1.test'));
    assert.equal(lead?.role, 'advanced');
    assert.equal(boss?.role, 'standard');
  });

  it('refuses an unknown user from a domain that is not allowed, creating nothing', async () => {
    const { callback: path, state } = await throughProvider('eve');
    await assertRefused(
      await callback(path, state),
      await totals(),
      /@elsewhere\.test addresses are not created/,
    );
  });

  it('refuses an allowed domain no workspace has users at when there are several workspaces', async () => {
    const { callback: path, state } = await throughProvider('newco');
    await assertRefused(
      await callback(path, state),
      await totals(),
      /which workspace @newco\.test/,
    );
  });

  it('refuses an e-mail the provider has not verified', async () => {
    const { callback: path, state } = await throughProvider('unverified');
    await assertRefused(await callback(path, state), await totals(), /not verified your e-mail/);
  });

  it('refuses a disabled user', async () => {
    await t.deps.db.update(users).set({ enabled: false }).where(eq(users.id, w.users.standardB.id));
    const { callback: path, state } = await throughProvider('bea');
    await assertRefused(await callback(path, state), await totals(), /disabled/);
  });

  it('passes on an error the provider sends back', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    const state = start.cookies.find((c) => c.name === 'pm_oidc_state')!.value;
    const res = await callback(
      `/api/v1/auth/oidc/callback?error=access_denied&error_description=End-User+aborted+interaction&state=${state}`,
      state,
    );
    await assertRefused(res, await totals(), /provider refused: End-User aborted interaction/);
  });
});

describe('password sign-in turned off', () => {
  let op: TestProvider;
  let t: TestContext;
  before(async () => {
    op = await startTestProvider();
    op.allowRedirect(CALLBACK);
    t = await testContext({ env: oidcEnv(op, { PLAYMAKER_PASSWORD_LOGIN: 'false' }) });
    await seedWorkspace(t.deps);
  });
  after(async () => {
    await t?.close();
    await op?.close();
  });

  it('answers password sign-in with 403 and a clear message, and tells the sign-in page', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'standard@w1.test', password: PASSWORD },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'forbidden');
    assert.match(res.json().error.message, /Password sign-in is turned off/);
    assert.equal(
      res.cookies.find((c) => c.name === 'pm_session'),
      undefined,
    );
    assert.deepEqual(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers' })).json(),
      { password: false, sso: true },
    );
  });
});

describe('SSO configuration', () => {
  const full = {
    PLAYMAKER_OIDC_ISSUER: 'https://id.example.com',
    PLAYMAKER_OIDC_CLIENT_ID: 'pm',
    PLAYMAKER_OIDC_CLIENT_SECRET: 's',
    PLAYMAKER_OIDC_ALLOWED_DOMAINS: 'example.com',
  };

  it('is all or nothing, HTTPS except on loopback, and keeps password sign-in unless SSO is on', () => {
    assert.doesNotThrow(() => loadConfig(full));
    assert.doesNotThrow(() =>
      loadConfig({
        ...full,
        PLAYMAKER_OIDC_ISSUER: 'http://127.0.0.1:9000',
        PLAYMAKER_PASSWORD_LOGIN: 'false',
      }),
    );
    assert.throws(
      () => loadConfig({ PLAYMAKER_OIDC_ISSUER: full.PLAYMAKER_OIDC_ISSUER }),
      /PLAYMAKER_OIDC_CLIENT_ID: required[\s\S]*PLAYMAKER_OIDC_ALLOWED_DOMAINS: required/,
    );
    assert.throws(
      () => loadConfig({ ...full, PLAYMAKER_OIDC_ISSUER: 'http://id.example.com' }),
      /PLAYMAKER_OIDC_ISSUER: must be https/,
    );
    assert.throws(
      () => loadConfig({ PLAYMAKER_PASSWORD_LOGIN: 'false' }),
      /PLAYMAKER_PASSWORD_LOGIN: false needs OIDC/,
    );
  });

  it('without SSO the sign-in page offers passwords only and the SSO routes do not exist', async () => {
    const t = await testContext();
    try {
      assert.deepEqual(
        (await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers' })).json(),
        { password: true, sso: false },
      );
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' })).statusCode,
        404,
      );
    } finally {
      await t.close();
    }
  });
});
