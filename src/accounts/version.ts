import { AppError } from '../http/errors.ts';

/**
 * The version the client read, from the body's `version` or an `If-Match: "<n>"` header. Updates
 * without one are refused (428) so a client cannot overwrite a change it never saw.
 */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | string[] | undefined): number {
  if (bodyVersion !== undefined) return bodyVersion;
  const fromHeader = parseIfMatch(ifMatch);
  if (fromHeader !== null) return fromHeader;
  throw new AppError('precondition_required', 'Send the version you read (body "version" or an If-Match header).', [
    { path: 'version', message: 'required' },
  ]);
}

/** `If-Match` value as a version number, or null when absent; `W/"3"`, `"3"` and `3` are accepted. */
export function parseIfMatch(ifMatch: string | string[] | undefined): number | null {
  const raw = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
  if (raw === undefined || raw.trim() === '') return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) throw new AppError('bad_request', 'If-Match must be the quoted version, e.g. "3".', [{ path: 'headers.if-match', message: 'not a version' }]);
  return Number(m[1]);
}

export const etagOf = (version: number) => `"${version}"`;
