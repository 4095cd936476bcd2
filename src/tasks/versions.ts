import { AppError } from '../http/errors.ts';

/** The version the client read: body `version` wins, else `If-Match: "<n>"` (weak tags accepted). */
export function versionFrom(bodyVersion: number | undefined, ifMatch: string | string[] | undefined): number | undefined {
  if (bodyVersion !== undefined) return bodyVersion;
  const header = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
  if (!header) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m) throw new AppError('validation_failed', 'If-Match must be the version number you read, e.g. "3".', [{ path: 'headers.if-match', message: 'not a version' }]);
  return Number(m[1]);
}

/** Edits must name the version they are based on, so a stale screen cannot overwrite newer data. */
export function requireVersion(bodyVersion: number | undefined, ifMatch: string | string[] | undefined): number {
  const v = versionFrom(bodyVersion, ifMatch);
  if (v === undefined) throw new AppError('precondition_required', 'Send the version you read (body "version" or an If-Match header).', [{ path: 'version', message: 'required' }]);
  return v;
}
