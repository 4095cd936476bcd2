import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

/**
 * Encrypts stored credentials (AES-256-GCM) and signs links (HMAC-SHA256) with subkeys derived
 * from the one server secret, so a leaked signature never helps decrypt and vice versa.
 */
export type SecretBox = {
  /** `v1.<iv>.<ciphertext+tag>` (base64url). `context` binds the value to where it is stored. */
  encrypt(plaintext: string, context?: string): string;
  /** Throws when the value was tampered with, encrypted under another key, or for another context. */
  decrypt(sealed: string, context?: string): string;
  /** HMAC-SHA256 for signed links (not for webhook signatures: those use per-workspace secrets). */
  sign(data: string): Buffer;
  verify(data: string, signature: Buffer): boolean;
};

const VERSION = 'v1';

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes.');
  const encKey = Buffer.from(
    hkdfSync('sha256', key, Buffer.alloc(0), 'playmaker/credentials/v1', 32),
  );
  const macKey = Buffer.from(
    hkdfSync('sha256', key, Buffer.alloc(0), 'playmaker/signed-links/v1', 32),
  );
  const sign = (data: string) => createHmac('sha256', macKey).update(data).digest();
  return {
    encrypt(plaintext, context = '') {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.setAAD(Buffer.from(`${VERSION}|${context}`));
      const body = Buffer.concat([
        cipher.update(plaintext, 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    decrypt(sealed, context = '') {
      const [version, ivText, bodyText] = sealed.split('.');
      if (version !== VERSION || !ivText || !bodyText) throw new Error('Unknown secret format.');
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.length !== 12 || body.length < 16) throw new Error('Malformed secret.');
      const decipher = createDecipheriv('aes-256-gcm', encKey, iv);
      decipher.setAAD(Buffer.from(`${VERSION}|${context}`));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    },
    sign,
    verify(data, signature) {
      const expected = sign(data);
      return signature.length === expected.length && timingSafeEqual(signature, expected);
    },
  };
}

/** Parses a 32-byte key written as 64 hex characters or base64/base64url. */
export function parseSecretKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32)
    throw new Error(
      'PLAYMAKER_SECRET_KEY must be 32 bytes, written as 64 hex characters or base64 (e.g. `openssl rand -base64 32`).',
    );
  return key;
}

/**
 * The server secret: PLAYMAKER_SECRET_KEY when set. Embedded mode generates one into
 * `<dataDir>/secret.key` (0600) on first start; on PostgreSQL a generated key would differ per
 * process, so the server refuses to start without one.
 */
export function loadSecretKey(config: Config): Buffer {
  if (config.PLAYMAKER_SECRET_KEY) return parseSecretKey(config.PLAYMAKER_SECRET_KEY);
  if (config.DATABASE_URL) {
    throw new Error(
      'PLAYMAKER_SECRET_KEY is required with DATABASE_URL: every API and worker process must share it to read stored credentials. Generate one with `openssl rand -base64 32`.',
    );
  }
  const file = path.join(config.dataDir, 'secret.key');
  if (existsSync(file)) return parseSecretKey(readFileSync(file, 'utf8'));
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return parseSecretKey(readFileSync(file, 'utf8'));
    throw err;
  }
  chmodSync(file, 0o600);
  return key;
}
