import type { FastifyReply } from 'fastify';
import { AppError } from './errors.ts';

/** `If-Match` as a version number, or null when absent; `W/"3"`, `"3"` and `3` are accepted. */
export function parseIfMatch(ifMatch: string | string[] | undefined): number | null {
  const raw = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
  if (raw === undefined || raw.trim() === '') return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m)
    throw new AppError(
      'validation_failed',
      'If-Match must be the version number you read, e.g. "3".',
      [{ path: 'headers.if-match', message: 'not a version' }],
    );
  return Number(m[1]);
}

/** The version the client read: body `version` wins, else `If-Match`; undefined when neither is sent. */
export function versionFrom(
  bodyVersion: number | undefined,
  ifMatch: string | string[] | undefined,
): number | undefined {
  return bodyVersion ?? parseIfMatch(ifMatch) ?? undefined;
}

/** Edits must name the version they are based on (428 otherwise), so a stale screen cannot overwrite newer data. */
export function requireVersion(
  bodyVersion: number | undefined,
  ifMatch: string | string[] | undefined,
): number {
  return requiredVersion(versionFrom(bodyVersion, ifMatch));
}

/** The same rule for use cases that check access first and the version after (a refused caller learns nothing). */
export function requiredVersion(v: number | undefined): number {
  if (v === undefined)
    throw new AppError(
      'precondition_required',
      'Send the version you read (body "version" or an If-Match header).',
      [{ path: 'body.version', message: 'required' }],
    );
  return v;
}

/** Sets `ETag: "<version>"` on the reply and hands the body back, so a client can send it as `If-Match`. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, body: T): T {
  void reply.header('etag', `"${body.version}"`);
  return body;
}
