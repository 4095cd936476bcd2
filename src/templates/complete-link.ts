import { timingSafeEqual } from 'node:crypto';
import { publicBaseUrl, type Config } from '../config.ts';
import type { SecretBox } from '../crypto/secret-box.ts';

/** What a single-task link grants: completing task `t`, assigned to `u`, at version `v`, until `e` (epoch s). */
export type TaskLinkClaims = { t: string; u: string; v: number; e: number };

export const LINK_DAYS = 30;
const PURPOSE = 'task-complete-link.v1';

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidText = (b: Buffer) =>
  b.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const FORMAT = 1;

/**
 * Signs the claims with the server secret (HMAC-SHA256, 128 bits kept). Packed as bytes —
 * format, task, user, version, expiry — so the token stays short enough for one URL path segment.
 */
export function signTaskLink(secrets: SecretBox, claims: TaskLinkClaims): string {
  const buf = Buffer.alloc(41);
  buf.writeUInt8(FORMAT, 0);
  uuidBytes(claims.t).copy(buf, 1);
  uuidBytes(claims.u).copy(buf, 17);
  buf.writeUInt32BE(claims.v >>> 0, 33);
  buf.writeUInt32BE(claims.e >>> 0, 37);
  const body = buf.toString('base64url');
  return `${body}.${secrets.sign(`${PURPOSE}.${body}`).subarray(0, 16).toString('base64url')}`;
}

/** The claims when the token is authentic and unexpired; null otherwise (no reason leaks). */
export function verifyTaskLink(
  secrets: SecretBox,
  token: string,
  now: Date,
): TaskLinkClaims | null {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || token.length > 200) return null;
  const expected = secrets.sign(`${PURPOSE}.${body}`).subarray(0, 16);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const buf = Buffer.from(body, 'base64url');
  if (buf.length !== 41 || buf.readUInt8(0) !== FORMAT) return null;
  const claims = {
    t: uuidText(buf.subarray(1, 17)),
    u: uuidText(buf.subarray(17, 33)),
    v: buf.readUInt32BE(33),
    e: buf.readUInt32BE(37),
  };
  if (claims.e * 1000 <= now.getTime()) return null;
  return claims;
}

/** Absolute link for e-mails: PLAYMAKER_PUBLIC_URL when set, else the local port. */
export function taskLinkUrl(config: Config, token: string): string {
  return `${publicBaseUrl(config)}/t/${token}`;
}

/** A link for the task as it is now; it dies when the task is completed, reassigned or edited (version). */
export function taskLinkFor(
  secrets: SecretBox,
  config: Config,
  task: { id: string; assigneeUserId: string; version: number },
  now: Date,
): string {
  return taskLinkUrl(
    config,
    signTaskLink(secrets, {
      t: task.id,
      u: task.assigneeUserId,
      v: task.version,
      e: Math.floor(now.getTime() / 1000) + LINK_DAYS * 86_400,
    }),
  );
}
