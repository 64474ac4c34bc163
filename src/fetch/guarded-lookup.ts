// The SSRF guard at connect time: a DNS lookup for net/tls.connect that refuses hosts resolving to private,
// loopback, link-local … addresses. Checking here, on the addresses the socket is about to use, is what
// defeats DNS rebinding (a name that resolves public when checked and private when connected).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refusedRange } from './address-policy.ts';

/** Thrown inside the socket's lookup; fetchFeed turns it into a PrivateNetworkError naming the URL. */
export class RefusedAddressError extends Error {
  readonly host: string;
  readonly address: string;
  readonly range: string;
  constructor(host: string, address: string, range: string) {
    super(`${host} resolves to ${address}, a ${range} address`);
    this.name = 'RefusedAddressError';
    this.host = host;
    this.address = address;
    this.range = range;
  }
}

/** Why an address is refused, or undefined when it may be used (refusedRange by default). */
export type AddressPolicy = (address: string) => string | undefined;

/** Resolves every address of a host (dns.lookup's shape); swappable so tests can play a hostile DNS. */
export type Resolver = (host: string, options: LookupOptions & { all: true }, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for net.connect that resolves every address of the host and fails the connection when ANY of
 * them is refused: happy-eyeballs may try any one of them, so one bad address taints the name.
 */
export function guardedLookup(resolve: Resolver = dnsLookup, refuse: AddressPolicy = refusedRange): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', undefined);
      for (const { address } of addresses) {
        const range = refuse(address);
        if (range) return callback(new RefusedAddressError(hostname, address, range), '', undefined);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', undefined);
      callback(null, first.address, first.family);
    });
  };
}
