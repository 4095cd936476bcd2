import type { FastifyRequest } from 'fastify';

const REDACTED = '[redacted]';
// Paths whose segments after the first one are a secret: signed task links (/t/<token>), calendar feeds.
const secretPathRoots = new Set(['t', 'calendar']);
// Query parameters that carry credentials, one-time codes or signatures.
const secretParam =
  /^(token|code|state|signature|sig|key|secret|password|passwd|session|ticket|auth|jwt|otp)$|token|secret|password|signature|api[-_]?key|[-_]key$|credential/i;

const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * The URL as it may be written to a log: the token of a `/t/<token>` link and the values of
 * secret-looking query parameters are replaced, everything else is kept as sent. Segments and names
 * are compared %-decoded and case-insensitively, as `/%74/<token>` reaches the same route.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const segments = path.split('/');
  const root = segments.findIndex((s) => s !== '');
  const redactedPath =
    root !== -1 &&
    secretPathRoots.has(decoded(segments[root]!).toLowerCase()) &&
    segments.length > root + 1
      ? [...segments.slice(0, root + 1), REDACTED].join('/')
      : path;
  if (q === -1) return redactedPath;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return secretParam.test(decoded(name.replace(/\+/g, ' '))) ? `${name}=${REDACTED}` : pair;
    });
  return `${redactedPath}?${query.join('&')}`;
}

/** Fastify's request log serializer with the URL redacted. */
export function loggedRequest(req: FastifyRequest) {
  const version = req.headers?.['accept-version'];
  return {
    method: req.method,
    url: redactUrl(req.url),
    version: Array.isArray(version) ? version.join(', ') : version,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
