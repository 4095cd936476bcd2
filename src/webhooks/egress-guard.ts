import dns from 'node:dns';
import net from 'node:net';

/** A request the guard refused to make; `reason` is safe to show to the admin. */
export class EgressRefused extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
    this.name = 'EgressRefused';
  }
}

/** An address as a number in its family; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it carries. */
type Ip = { family: 4 | 6; value: bigint };
type Range = Ip & { bits: number };

function parseIPv4(s: string): bigint | null {
  if (!net.isIPv4(s)) return null;
  return s.split('.').reduce((n, octet) => (n << 8n) | BigInt(octet), 0n);
}

function parseIPv6(s: string): bigint | null {
  // Zone ids (fe80::1%eth0) are refused: no webhook needs one.
  if (!net.isIPv6(s) || s.includes('%')) return null;
  let text = s.toLowerCase();
  const dotted = /[\d.]+$/.exec(text)?.[0];
  if (dotted?.includes('.')) {
    const v4 = parseIPv4(dotted);
    if (v4 === null) return null;
    text = `${text.slice(0, -dotted.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

const MAPPED_PREFIX = 0xffffn << 32n;

/** The address to check: IPv4 as is, IPv6 as is unless it is IPv4-mapped; null when not an IP address. */
function parseIp(address: string): Ip | null {
  const v4 = parseIPv4(address);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = parseIPv6(address);
  if (v6 === null) return null;
  return v6 >> 32n === MAPPED_PREFIX >> 32n
    ? { family: 4, value: v6 & 0xffffffffn }
    : { family: 6, value: v6 };
}

function range(cidr: string): Range | null {
  const [addr = '', bitsText] = cidr.split('/');
  const ip = parseIp(addr);
  if (!ip) return null;
  let bits = bitsText === undefined ? (net.isIPv4(addr) ? 32 : 128) : Number(bitsText);
  if (ip.family === 4 && net.isIPv6(addr)) {
    // ::ffff:a.b.c.d/n names IPv4 addresses only from n ≥ 96; a shorter prefix stays an IPv6 range.
    if (bits < 96) return { family: 6, value: MAPPED_PREFIX | ip.value, bits };
    bits -= 96;
  }
  return Number.isInteger(bits) && bits >= 0 && bits <= (ip.family === 4 ? 32 : 128)
    ? { ...ip, bits }
    : null;
}

function inRange(ip: Ip, r: Range): boolean {
  const shift = BigInt((ip.family === 4 ? 32 : 128) - r.bits);
  return ip.family === r.family && ip.value >> shift === r.value >> shift;
}

const ranges = (cidrs: string[]) => cidrs.map((c) => range(c)!);

// Everything a webhook must not reach unless an admin allows it: private, loopback, link-local
// (incl. 169.254.169.254 metadata), CGNAT, unspecified, multicast, reserved, documentation ranges.
const forbiddenV4 = ranges([
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
]);
// IPv6 is reachable only inside global unicast (2000::/3), which leaves out loopback, unspecified,
// IPv4-compatible, NAT64 (64:ff9b::/96, 64:ff9b:1::/48), discard, unique-local (fd00:ec2::254 metadata),
// link-local, site-local and multicast; inside it, addresses that tunnel to an IPv4 address of their
// choosing (6to4, Teredo and the rest of the IETF block) and documentation are refused too.
const globalUnicastV6 = ranges(['2000::/3']);
const forbiddenV6 = ranges(['2001::/23', '2001:db8::/32', '2002::/16', '3fff::/20']);

function forbidden(ip: Ip): boolean {
  if (ip.family === 4) return forbiddenV4.some((r) => inRange(ip, r));
  return !globalUnicastV6.some((r) => inRange(ip, r)) || forbiddenV6.some((r) => inRange(ip, r));
}

/** What an admin allowed: exact host names and CIDR ranges (e.g. `127.0.0.1/32`, `hooks.internal`). */
export type EgressPolicy = {
  hosts: ReadonlySet<string>;
  ranges: readonly Range[];
  entries: readonly string[];
};

/** Parses one allow-list entry; returns an error message when it is neither a host name nor a CIDR/IP. */
export function allowlistEntryProblem(entry: string): string | null {
  const e = entry.trim().toLowerCase();
  const [ip, bits, ...rest] = e.split('/');
  if (ip && net.isIP(ip)) {
    const max = net.isIPv4(ip) ? 32 : 128;
    if (
      rest.length ||
      (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max)) ||
      !range(e)
    )
      return `"${entry}" has an invalid prefix length`;
    return null;
  }
  return /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/.test(
    e,
  )
    ? null
    : `"${entry}" is neither a host name nor an IP range`;
}

export function egressPolicy(entries: readonly string[]): EgressPolicy {
  const hosts = new Set<string>();
  const allowed: Range[] = [];
  for (const raw of entries) {
    const e = raw.trim().toLowerCase();
    const ip = e.split('/')[0] ?? '';
    if (net.isIP(ip)) {
      const r = range(e);
      if (r) allowed.push(r);
    } else hosts.add(e.replace(/\.$/, ''));
  }
  return { hosts, ranges: allowed, entries };
}

/**
 * True when the address may be contacted under this policy. Each family is checked only against
 * rules of its own family (an IPv4-mapped address counts as IPv4): `0.0.0.0/0` opens no IPv6
 * address and `::/0` no IPv4 one. Anything that is not an IP address is refused.
 */
export function addressAllowed(address: string, policy: EgressPolicy): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  if (policy.ranges.some((r) => inRange(ip, r))) return true;
  return !forbidden(ip);
}

/**
 * Normalises the URL the WHATWG way (so 2130706433, 0177.0.0.1 and 0x7f.0.0.1 all become
 * 127.0.0.1) and refuses non-http(s) schemes, credentials in the URL and forbidden IP literals.
 * Host names are checked later, at connect time, by `guardedLookup`.
 */
export function checkUrl(raw: string, policy: EgressPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EgressRefused('The URL is not valid.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new EgressRefused(
      `The scheme "${url.protocol.replace(':', '')}" is not allowed; use http or https.`,
    );
  if (url.username || url.password)
    throw new EgressRefused(
      'Credentials in the URL are not allowed; use the webhook credentials instead.',
    );
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !addressAllowed(host, policy)) {
    throw new EgressRefused(
      `${host} is a private, loopback, link-local or reserved address; an admin can allow it in the webhook allow-list.`,
    );
  }
  return url;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request: resolves the name, refuses when any address is forbidden (unless
 * the host or address is allow-listed), and hands the socket exactly the addresses it checked, so
 * DNS cannot change the answer between the check and the connect.
 */
export function guardedLookup(policy: EgressPolicy) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as dns.LookupAddress[];
      if (!policy.hosts.has(name)) {
        const bad = list.find((a) => !addressAllowed(a.address, policy));
        if (bad) {
          return callback(
            Object.assign(
              new EgressRefused(
                `${hostname} resolves to ${bad.address}, a private, loopback, link-local or reserved address; an admin can allow it in the webhook allow-list.`,
              ),
              { code: 'EGRESS_REFUSED' },
            ),
            '',
          );
        }
      }
      if (list.length === 0)
        return callback(
          Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }),
          '',
        );
      if (options.all) return callback(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
