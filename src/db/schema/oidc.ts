import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** An OIDC sign-in started and not yet finished: deleted when its callback arrives, so a state works once. */
export const oidcSignIns = pgTable('oidc_sign_ins', {
  /** sha256 of the `state` sent to the provider (the raw value lives only in the browser's cookie and the URL). */
  stateHash: text('state_hash').primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
