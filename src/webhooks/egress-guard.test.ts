import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addressAllowed, checkUrl, EgressRefused, egressPolicy } from './egress-guard.ts';

// Pure checks only: nothing here opens a socket or resolves a name.
const none = egressPolicy([]);

const publicAddresses = [
  '93.184.216.34',
  '8.8.8.8',
  '1.1.1.1',
  '52.94.236.248',
  '151.101.1.69',
  '100.63.255.255',
  '100.128.0.1',
  '172.15.255.255',
  '172.32.0.1',
  '192.167.255.255',
  '192.169.0.1',
  '198.17.255.255',
  '198.20.0.1',
  '223.255.255.254',
  '11.0.0.1',
  '126.255.255.255',
  '128.0.0.1',
  '169.253.255.255',
  '2606:4700:4700::1111',
  '2001:4860:4860::8888',
  '2a00:1450:4001:82a::200e',
  '2620:fe::fe',
  '2400:cb00::1',
  // An IPv4-mapped literal carrying a public address is that public address.
  '::ffff:93.184.216.34',
  '::ffff:5db8:d822',
];

const refusedAddresses: Array<[string, string]> = [
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'this network'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.0.1', 'private'],
  ['192.168.255.255', 'private'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['169.254.0.1', 'link-local'],
  ['169.254.169.254', 'metadata'],
  ['100.64.0.1', 'CGNAT'],
  ['100.127.255.255', 'CGNAT'],
  ['192.0.0.1', 'IETF protocol'],
  ['192.0.0.170', 'NAT64 discovery'],
  ['192.0.2.1', 'documentation'],
  ['198.51.100.1', 'documentation'],
  ['203.0.113.1', 'documentation'],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.255', 'benchmarking'],
  ['192.88.99.1', '6to4 relay'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['fe80::1', 'link-local'],
  ['febf:ffff::1', 'link-local'],
  ['fec0::1', 'site-local'],
  ['fc00::1', 'unique local'],
  ['fd00::1', 'unique local'],
  ['fd00:ec2::254', 'EC2 metadata'],
  ['ff02::1', 'multicast'],
  ['ff05::1:3', 'multicast'],
  ['2001:db8::1', 'documentation'],
  ['3fff::1', 'documentation'],
  ['100::1', 'discard'],
  ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
  ['64:ff9b::5db8:d822', 'NAT64 of a public address'],
  ['64:ff9b:1::1', 'local NAT64'],
  ['2002:7f00:1::1', '6to4 of 127.0.0.1'],
  ['2002:5db8:d822::1', '6to4 of a public address'],
  ['2001::1', 'Teredo'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
  ['2001:2::1', 'benchmarking'],
  ['2001:10::1', 'ORCHID'],
  ['::ffff:127.0.0.1', 'mapped loopback'],
  ['::ffff:7f00:1', 'hex-mapped loopback'],
  ['::FFFF:7F00:0001', 'upper-case hex-mapped'],
  ['0:0:0:0:0:ffff:127.0.0.1', 'uncompressed mapped'],
  ['0000:0000:0000:0000:0000:ffff:7f00:0001', 'zero-padded mapped'],
  ['::ffff:10.0.0.1', 'mapped private'],
  ['::ffff:a9fe:a9fe', 'mapped metadata'],
  ['::ffff:0.0.0.0', 'mapped unspecified'],
  ['::ffff:0:127.0.0.1', 'IPv4-translated'],
  ['::127.0.0.1', 'IPv4-compatible loopback'],
  ['::7f00:1', 'IPv4-compatible (hex)'],
  ['::93.184.216.34', 'IPv4-compatible (deprecated)'],
  ['5f00::1', 'SRv6'],
  ['4000::1', 'unassigned'],
  ['e000::1', 'unassigned'],
  ['not-an-address', 'not an IP'],
  ['0177.0.0.1', 'octal (not an address until a URL parser normalises it)'],
  ['', 'empty'],
];

describe('webhook egress guard: which addresses a webhook may reach', () => {
  it('allows public IPv4 and IPv6 addresses', () => {
    for (const a of publicAddresses)
      assert.equal(addressAllowed(a, none), true, `${a} should be allowed`);
  });

  it('refuses private, loopback, link-local, CGNAT, metadata, multicast, reserved, documentation, NAT64, 6to4, Teredo and mapped forms', () => {
    assert.ok(publicAddresses.length + refusedAddresses.length >= 40);
    for (const [a, what] of refusedAddresses)
      assert.equal(addressAllowed(a, none), false, `${a} (${what}) should be refused`);
  });

  it('checks IP literals in URLs after the WHATWG normalisation a request would use', () => {
    for (const url of [
      'http://93.184.216.34/hook',
      'https://8.8.8.8:8443/x',
      'http://[2606:4700:4700::1111]/',
      'http://[::ffff:93.184.216.34]/',
      'https://hooks.example.com/a',
    ]) {
      assert.doesNotThrow(() => checkUrl(url, none), url);
    }
    for (const url of [
      'http://127.0.0.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[0:0:0:0:0:ffff:7f00:1]:8080/',
      'http://[::1]/',
      'http://[fd00:ec2::254]/latest',
      'http://[64:ff9b::7f00:1]/',
      'http://[2002:a9fe:a9fe::]/',
      'http://[2001::a9fe:a9fe]/',
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://0x7f.0.0.1/',
      'http://0x7f000001/',
      'http://127.1/',
      'http://017700000001/',
      'http://0xa9.0xfe.0xa9.0xfe/',
      'http://169.254.43518/',
      'http://[::ffff:169.254.169.254]/latest/meta-data/',
      'http://0/',
    ]) {
      assert.throws(() => checkUrl(url, none), EgressRefused, url);
    }
  });

  it('an allow-list entry opens exactly the range it names, in its own address family', () => {
    const v4all = egressPolicy(['0.0.0.0/0']);
    for (const a of ['10.0.0.1', '127.0.0.1', '169.254.169.254', '::ffff:10.0.0.1'])
      assert.equal(addressAllowed(a, v4all), true, `0.0.0.0/0 opens ${a}`);
    for (const a of ['::1', 'fd00::1', 'fe80::1', 'fd00:ec2::254', '64:ff9b::a00:1'])
      assert.equal(addressAllowed(a, v4all), false, `0.0.0.0/0 must not open ${a}`);

    const v6all = egressPolicy(['::/0']);
    for (const a of ['::1', 'fd00::1', 'fe80::1'])
      assert.equal(addressAllowed(a, v6all), true, `::/0 opens ${a}`);
    for (const a of [
      '10.0.0.1',
      '127.0.0.1',
      '169.254.169.254',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
    ]) {
      assert.equal(addressAllowed(a, v6all), false, `::/0 must not open ${a}`);
    }

    const loop = egressPolicy(['127.0.0.1']);
    for (const a of ['127.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1'])
      assert.equal(addressAllowed(a, loop), true, `127.0.0.1 opens ${a}`);
    for (const a of ['127.0.0.2', '::1', '10.0.0.1'])
      assert.equal(addressAllowed(a, loop), false, `127.0.0.1 must not open ${a}`);

    const net10 = egressPolicy(['10.0.0.0/8', 'fd00::/8', 'hooks.internal']);
    for (const a of ['10.1.2.3', 'fd12::1']) assert.equal(addressAllowed(a, net10), true, a);
    for (const a of ['172.16.0.1', '192.168.1.1', 'fc00::1', 'fe80::1'])
      assert.equal(addressAllowed(a, net10), false, a);

    // A mapped entry means the IPv4 address it carries.
    const mapped = egressPolicy(['::ffff:192.168.0.0/112']);
    for (const a of ['192.168.1.1', '::ffff:c0a8:101'])
      assert.equal(addressAllowed(a, mapped), true, a);
    for (const a of ['192.167.0.1', '10.0.0.1', '::1', '::ffff:0:c0a8:101'])
      assert.equal(addressAllowed(a, mapped), a === '192.167.0.1', a);
  });
});
