// Single sign-on in Chromium against a real OpenID provider (oidc-provider) on loopback: the "Sign in with SSO"
// button, the provider's own login form, the way back to My Portfolio; a refused domain and a replayed state land
// on the sign-in page with the reason.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  ADMIN,
  browserSuite,
  newPage,
  seriousA11yViolations,
  withShot,
  type Server,
} from './harness.ts';
import { startTestProvider, type TestProvider } from '../src/auth/oidc/test-provider.ts';

describe('single sign-on in the browser', () => {
  let op: TestProvider;
  let server: Server;
  let browser: Browser;
  let page: Page;
  before(async () => {
    op = await startTestProvider();
  });
  after(async () => {
    await op?.close();
  });
  browserSuite(
    {
      env: () => ({
        PLAYMAKER_OIDC_ISSUER: op.issuer,
        PLAYMAKER_OIDC_CLIENT_ID: op.clientId,
        PLAYMAKER_OIDC_CLIENT_SECRET: op.clientSecret,
        PLAYMAKER_OIDC_ALLOWED_DOMAINS: 'playmaker.test',
      }),
      setup: async (server) => {
        // Playmaker's address is known only now; discovery happens at the first sign-in.
        op.allowRedirect(`${server.baseUrl}/api/v1/auth/oidc/callback`);
        op.identities.set('admin', {
          email: ADMIN.email.toUpperCase(),
          email_verified: true,
          name: 'Admin at the provider',
        });
        op.identities.set('outsider', { email: 'eve@elsewhere.test', email_verified: true });
      },
    },
    (s) => {
      ({ server, browser } = s);
    },
  );

  /** A fresh browser (no session here or at the provider) that signs in at the provider as `login`. */
  async function ssoAs(login: string) {
    const fresh = await newPage(browser, server.baseUrl);
    page = fresh.page;
    const callbacks: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/auth/oidc/callback')) callbacks.push(r.url());
    });
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in with SSO' }).click();
    await page.getByPlaceholder('Enter any login').fill(login);
    await page.getByPlaceholder('and password').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    return { ...fresh, callbacks };
  }

  it('refuses an address from a domain that is not allowed, saying why, on the sign-in page', () =>
    withShot(
      () => page,
      'sso refused domain',
      async () => {
        const { context, errors } = await ssoAs('outsider');
        await page
          .getByRole('alert')
          .getByText(/accounts for @elsewhere\.test addresses are not created automatically/)
          .waitFor();
        assert.equal(new URL(page.url()).origin, server.baseUrl);
        assert.equal(
          new URL(page.url()).searchParams.get('sso_error'),
          null,
          'the message is taken off the address',
        );
        assert.deepEqual(await seriousA11yViolations(page), []);
        assert.deepEqual(
          errors.filter((e) => !e.includes('/api/v1/me')),
          [],
        );
        await context.close();
      },
    ));

  it('signs in through the provider and lands on My Portfolio; the same callback replayed is refused', () =>
    withShot(
      () => page,
      'sso round trip',
      async () => {
        const { context, errors, callbacks } = await ssoAs('admin');
        await page.getByRole('heading', { name: 'My Portfolio' }).waitFor();
        const callback = callbacks[0];
        assert.equal(new URL(page.url()).origin, server.baseUrl);
        assert.ok(callback, 'the provider sent the browser back through the callback');
        assert.deepEqual(
          errors.filter((e) => !e.includes('/api/v1/me')),
          [],
        );

        // Someone who got hold of that callback address cannot use it again.
        const other = await newPage(browser, server.baseUrl);
        page = other.page;
        await page.goto(callback);
        await page
          .getByRole('alert')
          .getByText(/expired or was already used/)
          .waitFor();
        await page.getByRole('link', { name: 'Sign in with SSO' }).waitFor();
        await other.context.close();
        await context.close();
      },
    ));
});
