// Which IP addresses a feed fetch may connect to. A feed URL is user input: without this check anyone who
// can add a feed can make the server read its own admin ports, the LAN, or a cloud metadata service (SSRF).
// Pure functions over the textual address; the DNS lookup (guarded-lookup.ts) and the URL check apply them.
import { isIPv4, isIPv6 } from 'node:net';

interface Range {
  bytes: number[];
  prefix: number;
  name: string;
}

// Most specific first: the first matching range names the refusal.
const IPV4_RANGES: Range[] = [
  v4('169.254.169.254/32', 'cloud metadata'), // AWS, GCP, Azure, OpenStack, Oracle …
  v4('169.254.170.2/32', 'cloud metadata'), // AWS ECS task metadata
  v4('100.100.100.200/32', 'cloud metadata'), // Alibaba Cloud
  v4('0.0.0.0/8', 'unspecified'),
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'carrier-grade NAT'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'IETF protocol assignment'),
  v4('192.0.2.0/24', 'documentation'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'benchmarking'),
  v4('198.51.100.0/24', 'documentation'),
  v4('203.0.113.0/24', 'documentation'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved'), // includes 255.255.255.255 broadcast
];

const IPV6_RANGES: Range[] = [
  v6('fd00:ec2::254/128', 'cloud metadata'), // AWS IMDS over IPv6
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  v6('64:ff9b:1::/48', 'NAT64 local-use'),
  v6('100::/64', 'discard-only'),
  v6('2001:db8::/32', 'documentation'),
  v6('fc00::/7', 'unique local (ULA)'),
  v6('fe80::/10', 'link-local'),
  v6('fec0::/10', 'site-local'),
  v6('ff00::/8', 'multicast'),
];

/**
 * Why `address` must not be fetched from ("loopback", "private", "cloud metadata" …), or undefined when it
 * is a public unicast address. IPv6 forms that carry an IPv4 address (mapped ::ffff:a.b.c.d, compatible
 * ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address. Text that is not an IP
 * address at all is refused too: the caller asked about an address it could not name.
 */
export function refusedRange(address: string): string | undefined {
  const ip = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(ip)) return matchRange(IPV4_RANGES, parseIPv4(ip));
  if (!isIPv6(ip)) return 'not an IP address';
  const bytes = parseIPv6(ip.replace(/%.*$/, ''));
  const embedded = embeddedIPv4(bytes);
  if (embedded) {
    const why = matchRange(IPV4_RANGES, embedded);
    return why && `${why} (IPv4 ${embedded.join('.')} inside IPv6)`;
  }
  return matchRange(IPV6_RANGES, bytes);
}

function embeddedIPv4(b: number[]): number[] | undefined {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible; "::" and "::1" themselves are not IPv4).
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12);
  if (zeros(0, 12) && !(zeros(12, 15) && b[15] <= 1)) return b.slice(12);
  // NAT64 well-known prefix 64:ff9b::/96.
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return b.slice(12);
  // 6to4 2002:AABB:CCDD::/48 tunnels to IPv4 AA.BB.CC.DD.
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6);
  return undefined;
}

function matchRange(ranges: Range[], bytes: number[]): string | undefined {
  for (const r of ranges) if (inPrefix(bytes, r.bytes, r.prefix)) return r.name;
  return undefined;
}

function inPrefix(bytes: number[], net: number[], prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit += 8) {
    const take = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const i = bit / 8;
    if ((bytes[i] & mask) !== (net[i] & mask)) return false;
  }
  return true;
}

function parseIPv4(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** 16 bytes of a valid IPv6 address (validated by isIPv6 before). */
function parseIPv6(ip: string): number[] {
  let text = ip;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tail = parseIPv4(text.slice(lastColon + 1));
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const middle = new Array<number>(8 - left.length - right.length).fill(0);
  const bytes = [...left, ...middle, ...right].flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

function v4(cidr: string, name: string): Range {
  const [ip, prefix] = cidr.split('/');
  return { bytes: parseIPv4(ip), prefix: Number(prefix), name };
}

function v6(cidr: string, name: string): Range {
  const [ip, prefix] = cidr.split('/');
  return { bytes: parseIPv6(ip), prefix: Number(prefix), name };
}
