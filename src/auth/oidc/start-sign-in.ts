import * as client from 'openid-client';
import { lt } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { oidcSignIns } from '../../db/schema/index.ts';
import { sha256 } from '../credentials.ts';
import type { OidcClient } from './provider-client.ts';

/** How long a user has to finish signing in at the provider. */
export const SIGN_IN_TTL_MS = 10 * 60_000;

/** Records a new sign-in (PKCE verifier, state, nonce) and returns the provider URL to send the browser to. */
export async function startSignIn(deps: Deps, oidc: OidcClient, redirectUri: string) {
  const configuration = await oidc.configuration();
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const now = deps.clock.now();
  // Abandoned sign-ins are cleared here, so the table holds at most ten minutes of them.
  await deps.db.delete(oidcSignIns).where(lt(oidcSignIns.expiresAt, now));
  await deps.db.insert(oidcSignIns).values({
    stateHash: sha256(state),
    codeVerifier,
    nonce,
    expiresAt: new Date(now.getTime() + SIGN_IN_TTL_MS),
  });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url, state };
}
