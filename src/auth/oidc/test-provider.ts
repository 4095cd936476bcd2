// A real OpenID provider (oidc-provider) on loopback for the SSO tests: its own login form (devInteractions:
// any password), an in-memory store, PKCE required, consent given automatically for the one client.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export type TestIdentity = {
  email: string;
  email_verified: boolean;
  name?: string;
  [claim: string]: unknown;
};

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Logins the provider knows, by the name typed into its login form. */
  identities: Map<string, TestIdentity>;
  /** Registers Playmaker's callback URL (known only once Playmaker is listening). */
  allowRedirect(redirectUri: string): void;
  close(): Promise<void>;
};

export async function startTestProvider(): Promise<TestProvider> {
  let handle: RequestListener | undefined;
  const server: Server = createServer((req, res) => {
    if (handle) handle(req, res);
    else {
      res.statusCode = 503;
      res.end('no client registered yet');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const identities = new Map<string, TestIdentity>();
  const clientId = 'playmaker';
  const clientSecret = 'playmaker-test-secret-0123456789';
  return {
    issuer,
    clientId,
    clientSecret,
    identities,
    allowRedirect(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            response_types: ['code'],
            grant_types: ['authorization_code'],
          },
        ],
        findAccount: (_ctx, id) => {
          const identity = identities.get(id);
          return identity && { accountId: id, claims: () => ({ sub: id, ...identity }) };
        },
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['name', 'playmaker_role'],
        },
        features: { devInteractions: { enabled: true } },
        pkce: { required: () => true },
        cookies: { keys: ['test-provider-cookie-key'] },
        // A first-party client: no consent screen.
        loadExistingGrant: async (ctx) => {
          const found =
            ctx.oidc.result?.consent?.grantId ??
            ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
          if (found) return ctx.oidc.provider.Grant.find(found);
          const grant = new ctx.oidc.provider.Grant({
            clientId: ctx.oidc.client.clientId,
            accountId: ctx.oidc.session.accountId,
          });
          grant.addOIDCScope('openid email profile');
          await grant.save();
          return grant;
        },
      });
      handle = provider.callback();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
