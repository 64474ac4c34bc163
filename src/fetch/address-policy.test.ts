import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refusedRange } from './address-policy.ts';

test('public addresses are allowed', () => {
  for (const ip of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '2a00:1450:4001:80b::200e', '[2606:4700::1111]']) {
    assert.equal(refusedRange(ip), undefined, ip);
  }
});

test('IPv4 private, loopback, link-local, CGNAT, unspecified, multicast and reserved are refused', () => {
  const cases: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['169.254.1.1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.2.1', 'documentation'],
  ];
  for (const [ip, why] of cases) assert.equal(refusedRange(ip), why, ip);
});

test('cloud metadata endpoints are named as such', () => {
  assert.equal(refusedRange('169.254.169.254'), 'cloud metadata');
  assert.equal(refusedRange('fd00:ec2::254'), 'cloud metadata');
  assert.equal(refusedRange('100.100.100.200'), 'cloud metadata');
});

test('IPv6 loopback, unspecified, ULA, link-local and multicast are refused', () => {
  const cases: [string, string][] = [
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique local (ULA)'],
    ['fd12:3456:789a::1', 'unique local (ULA)'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
  ];
  for (const [ip, why] of cases) assert.equal(refusedRange(ip), why, ip);
});

test('IPv6 forms carrying a private IPv4 address are judged by that address', () => {
  for (const ip of ['::ffff:127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:a9fe:a9fe', '::ffff:10.0.0.1', '::127.0.0.1', '64:ff9b::10.0.0.1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::1', '2002:c0a8:0101::']) {
    const why = refusedRange(ip);
    assert.ok(why && /inside IPv6/.test(why), `${ip} -> ${why}`);
  }
  assert.match(refusedRange('::ffff:169.254.169.254') ?? '', /^cloud metadata/);
  assert.equal(refusedRange('::ffff:8.8.8.8'), undefined);
  assert.equal(refusedRange('64:ff9b::8.8.8.8'), undefined);
  assert.equal(refusedRange('2002:0808:0808::1'), undefined);
});

test('text that is not an IP address is refused', () => {
  assert.equal(refusedRange('localhost'), 'not an IP address');
  assert.equal(refusedRange('1.2.3'), 'not an IP address');
});
