import dns from 'node:dns';
import net from 'node:net';

/** A request the guard refused to make; `reason` is safe to show to the admin. */
export class EgressRefused extends Error {
  readonly reason: string;
  constructor(reason: string) { super(reason); this.reason = reason; this.name = 'EgressRefused'; }
}

// Everything a webhook must not reach unless an admin allows it: private, loopback, link-local
// (incl. 169.254.169.254 metadata), CGNAT, unspecified, multicast, reserved, documentation ranges.
const forbidden = new net.BlockList();
for (const [addr, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) forbidden.addSubnet(addr, bits, 'ipv4');
for (const [addr, bits] of [
  ['::', 128], ['::1', 128], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) forbidden.addSubnet(addr, bits, 'ipv6');

/** What an admin allowed: exact host names and CIDR ranges (e.g. `127.0.0.1/32`, `hooks.internal`). */
export type EgressPolicy = { hosts: ReadonlySet<string>; ranges: net.BlockList; entries: readonly string[] };

/** Parses one allow-list entry; returns an error message when it is neither a host name nor a CIDR/IP. */
export function allowlistEntryProblem(entry: string): string | null {
  const e = entry.trim().toLowerCase();
  const [ip, bits, ...rest] = e.split('/');
  if (ip && net.isIP(ip)) {
    const max = net.isIPv4(ip) ? 32 : 128;
    if (rest.length || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))) return `"${entry}" has an invalid prefix length`;
    return null;
  }
  return /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/.test(e) ? null : `"${entry}" is neither a host name nor an IP range`;
}

export function egressPolicy(entries: readonly string[]): EgressPolicy {
  const hosts = new Set<string>();
  const ranges = new net.BlockList();
  for (const raw of entries) {
    const e = raw.trim().toLowerCase();
    const [ip, bits] = e.split('/');
    if (ip && net.isIPv4(ip)) ranges.addSubnet(ip, bits === undefined ? 32 : Number(bits), 'ipv4');
    else if (ip && net.isIPv6(ip)) ranges.addSubnet(ip, bits === undefined ? 128 : Number(bits), 'ipv6');
    else hosts.add(e.replace(/\.$/, ''));
  }
  return { hosts, ranges, entries };
}

const family = (address: string) => (net.isIPv4(address) ? 'ipv4' : 'ipv6');

/** True when the address may be contacted under this policy. */
export function addressAllowed(address: string, policy: EgressPolicy): boolean {
  const type = family(address);
  if (policy.ranges.check(address, type)) return true;
  return !forbidden.check(address, type);
}

/**
 * Normalises the URL the WHATWG way (so 2130706433, 0177.0.0.1 and 0x7f.0.0.1 all become
 * 127.0.0.1) and refuses non-http(s) schemes, credentials in the URL and forbidden IP literals.
 * Host names are checked later, at connect time, by `guardedLookup`.
 */
export function checkUrl(raw: string, policy: EgressPolicy): URL {
  let url: URL;
  try { url = new URL(raw); } catch { throw new EgressRefused('The URL is not valid.'); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EgressRefused(`The scheme "${url.protocol.replace(':', '')}" is not allowed; use http or https.`);
  if (url.username || url.password) throw new EgressRefused('Credentials in the URL are not allowed; use the webhook credentials instead.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !addressAllowed(host, policy)) {
    throw new EgressRefused(`${host} is a private, loopback, link-local or reserved address; an admin can allow it in the webhook allow-list.`);
  }
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

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
          return callback(Object.assign(new EgressRefused(`${hostname} resolves to ${bad.address}, a private, loopback, link-local or reserved address; an admin can allow it in the webhook allow-list.`), { code: 'EGRESS_REFUSED' }), '');
        }
      }
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }), '');
      if (options.all) return callback(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
