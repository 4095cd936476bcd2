import type { Config } from '../../config.ts';

export type OidcSettings = {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Lower-case e-mail domains whose unknown users may be created. */
  allowedDomains: string[];
  roleClaim: string | null;
};

/** The SSO settings, or null when SSO is off (config.ts has checked they come all together). */
export function oidcSettings(config: Config): OidcSettings | null {
  const {
    PLAYMAKER_OIDC_ISSUER: issuer,
    PLAYMAKER_OIDC_CLIENT_ID: clientId,
    PLAYMAKER_OIDC_CLIENT_SECRET: clientSecret,
  } = config;
  if (!issuer || !clientId || !clientSecret) return null;
  const allowedDomains = (config.PLAYMAKER_OIDC_ALLOWED_DOMAINS ?? '')
    .split(',')
    .map((d) => d.trim().replace(/^@/, '').toLowerCase())
    .filter(Boolean);
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret,
    allowedDomains,
    roleClaim: config.PLAYMAKER_OIDC_ROLE_CLAIM ?? null,
  };
}
