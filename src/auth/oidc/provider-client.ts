import * as client from 'openid-client';
import type { OidcSettings } from './settings.ts';

export type OidcClient = { configuration(): Promise<client.Configuration> };

/**
 * Discovers the provider on first use and keeps the result; a failed discovery is retried on the next
 * sign-in rather than failing the server's start (the provider may come up later).
 */
export function oidcClient(settings: OidcSettings): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;
  // config.ts allows http:// only on loopback, so plain HTTP is never used to reach another machine.
  const insecure = settings.issuer.protocol === 'http:';
  return {
    configuration() {
      discovered ??= client.discovery(
        settings.issuer,
        settings.clientId,
        undefined,
        client.ClientSecretBasic(settings.clientSecret),
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      );
      discovered.catch(() => {
        discovered = undefined;
      });
      return discovered;
    },
  };
}
