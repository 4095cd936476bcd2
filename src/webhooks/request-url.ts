/**
 * Where a webhook request goes: the URL parsed the WHATWG way (scheme, host, port, percent-encoding),
 * except that the path keeps its dot segments. `new URL` resolves ".", ".." and "%2E%2E" segments, so
 * a merge value of ".." in `…/accounts/{{account.external_id}}/notes` would climb to `…/notes`; here
 * it stays the segment `%2E%2E`. `path` is sent as the request target; `href` is what the delivery
 * log shows. Throws TypeError when the URL cannot be parsed.
 */
export function requestTarget(raw: string): { url: URL; path: string; href: string } {
  const url = new URL(raw);
  // The same clean-up the URL parser does first, then everything between the authority and ?/#.
  // eslint-disable-next-line no-control-regex -- leading and trailing C0 controls are what it strips
  const cleaned = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const rawPath = /^[a-z][a-z\d+.-]*:[/\\]*[^/\\?#]*([^?#]*)/i.exec(cleaned)?.[1];
  if (rawPath === undefined) throw new TypeError('Invalid URL');
  const segments = rawPath.split(/[/\\]/).slice(1);
  // Percent-encode each segment as the parser would, prefixed so that none of them is a dot segment.
  const probe = new URL(`${url.origin}/${segments.map((s) => `x${s}`).join('/')}`);
  const path = `/${probe.pathname
    .split('/')
    .slice(1)
    .map((s) => s.slice(1))
    .join('/')}${url.search}`;
  return { url, path, href: `${url.origin}${path}` };
}
