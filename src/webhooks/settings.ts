import { createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { DbOrTx } from '../db/client.ts';
import { webhookSettings } from '../db/schema/index.ts';

export type WebhookSettingsRow = typeof webhookSettings.$inferSelect;

export const SIGNING_CONTEXT = 'webhook-signing-secret';
export const DEFAULT_RETRY_SCHEDULE = [0, 15, 60, 300, 1800, 7200, 21600];

/** A Standard-Webhooks style secret: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The workspace's webhook settings, created with a fresh signing secret on first use. */
export async function ensureWebhookSettings(
  db: DbOrTx,
  secrets: SecretBox,
  workspaceId: string,
): Promise<WebhookSettingsRow> {
  const [found] = await db
    .select()
    .from(webhookSettings)
    .where(eq(webhookSettings.workspaceId, workspaceId));
  if (found) return found;
  await db
    .insert(webhookSettings)
    .values({
      workspaceId,
      signingSecretEnc: secrets.encrypt(newSigningSecret(), `${SIGNING_CONTEXT}:${workspaceId}`),
    })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(webhookSettings)
    .where(eq(webhookSettings.workspaceId, workspaceId));
  if (!row) throw new Error('webhook settings row missing after insert');
  return row;
}

const secretCache = new Map<string, string>();
/** Decrypts the signing secret (cached per ciphertext: decrypting on every delivery is wasted work). */
export function signingSecret(
  row: Pick<WebhookSettingsRow, 'workspaceId' | 'signingSecretEnc'>,
  secrets: SecretBox,
): string {
  let s = secretCache.get(row.signingSecretEnc);
  if (!s) {
    s = secrets.decrypt(row.signingSecretEnc, `${SIGNING_CONTEXT}:${row.workspaceId}`);
    if (secretCache.size > 1000) secretCache.clear();
    secretCache.set(row.signingSecretEnc, s);
  }
  return s;
}

/**
 * `webhook-signature` value (Standard Webhooks): `v1,` + base64 HMAC-SHA256, keyed with the
 * base64-decoded part of the secret after `whsec_`, over `<id>.<timestamp>.<body>`.
 */
export function signWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The three signature headers for one attempt. */
export function signatureHeaders(
  secret: string,
  id: string,
  at: Date,
  body: string,
): Array<[string, string]> {
  const ts = Math.floor(at.getTime() / 1000);
  return [
    ['webhook-id', id],
    ['webhook-timestamp', String(ts)],
    ['webhook-signature', signWebhook(secret, id, ts, body)],
  ];
}
