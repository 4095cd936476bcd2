import * as client from 'openid-client';
import { and, eq, gt } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { oidcSignIns } from '../../db/schema/index.ts';
import { sha256 } from '../credentials.ts';
import type { OidcClient } from './provider-client.ts';
import { refuse } from './refusal.ts';

export type VerifiedIdentity = {
  email: string;
  name: string | null;
  claims: Record<string, unknown>;
};

/**
 * Completes a sign-in at its callback: uses up its state (once), exchanges the code with PKCE and the nonce,
 * and returns the user's verified e-mail. `browserState` is the state this browser started with (its cookie).
 */
export async function finishSignIn(
  deps: Deps,
  oidc: OidcClient,
  callbackUrl: URL,
  browserState: string | undefined,
): Promise<VerifiedIdentity> {
  const state = callbackUrl.searchParams.get('state') ?? '';
  // Deleting first makes the state single-use even when two callbacks race.
  const [pending] = await deps.db
    .delete(oidcSignIns)
    .where(
      and(eq(oidcSignIns.stateHash, sha256(state)), gt(oidcSignIns.expiresAt, deps.clock.now())),
    )
    .returning();
  const providerError = callbackUrl.searchParams.get('error');
  if (providerError)
    throw refuse(
      `The sign-in provider refused: ${callbackUrl.searchParams.get('error_description') ?? providerError}.`,
    );
  if (!pending) throw refuse('This sign-in has expired or was already used. Please start again.');
  // A callback from another browser's sign-in (login CSRF) does not carry that browser's state cookie.
  if (browserState !== state)
    throw refuse('This sign-in was started in another browser. Please start again.');
  const configuration = await oidc.configuration();
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw refuse('The sign-in provider did not confirm this sign-in. Please start again.', err);
  }
  const idClaims: Record<string, unknown> = tokens.claims() ?? {};
  // Providers that keep profile claims out of the ID token serve them at userinfo.
  const claims: Record<string, unknown> =
    idClaims.email === undefined && configuration.serverMetadata().userinfo_endpoint
      ? {
          ...(await client
            .fetchUserInfo(configuration, tokens.access_token, String(idClaims.sub))
            .catch((err: unknown) => {
              throw refuse(
                'The sign-in provider did not share your profile. Please start again.',
                err,
              );
            })),
          ...idClaims,
        }
      : { ...idClaims };
  if (typeof claims.email !== 'string' || !claims.email.includes('@'))
    throw refuse('The sign-in provider did not share your e-mail address.');
  if (claims.email_verified !== true)
    throw refuse('The sign-in provider has not verified your e-mail address.');
  return {
    email: claims.email,
    name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : null,
    claims,
  };
}
