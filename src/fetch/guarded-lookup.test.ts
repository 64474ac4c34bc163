import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { guardedLookup, RefusedAddressError, type Resolver } from './guarded-lookup.ts';

function fakeDns(table: Record<string, LookupAddress[]>): Resolver {
  return (host, _opts, cb) => {
    const found = table[host];
    if (found) cb(null, found);
    else cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
  };
}

function lookupVia(resolver: Resolver, host: string, all: boolean) {
  return new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) => {
    guardedLookup(resolver)(host, { all }, (err, address, family) => resolve({ err, address, family }));
  });
}

const dns = fakeDns({
  'public.test': [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }],
  'rebound.test': [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }],
  'metadata.test': [{ address: 'fd00:ec2::254', family: 6 }],
});

test('public names resolve as asked: one address, or all of them', async () => {
  const one = await lookupVia(dns, 'public.test', false);
  assert.equal(one.err, null);
  assert.equal(one.address, '93.184.216.34');
  assert.equal(one.family, 4);
  const all = await lookupVia(dns, 'public.test', true);
  assert.deepEqual(all.address, [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }]);
});

test('a name with any private address among its answers is refused, naming host, address and range', async () => {
  const { err } = await lookupVia(dns, 'rebound.test', true);
  assert.ok(err instanceof RefusedAddressError);
  assert.equal(err.host, 'rebound.test');
  assert.equal(err.address, '10.0.0.7');
  assert.equal(err.range, 'private');
  const meta = await lookupVia(dns, 'metadata.test', false);
  assert.ok(meta.err instanceof RefusedAddressError);
  assert.equal(meta.err.range, 'cloud metadata');
});

test('DNS failures pass through unchanged', async () => {
  const { err } = await lookupVia(dns, 'missing.test', false);
  assert.equal(err?.code, 'ENOTFOUND');
});

test('the real resolver refuses localhost', async () => {
  const { err } = await new Promise<{ err: NodeJS.ErrnoException | null }>((resolve) =>
    guardedLookup()('localhost', { all: true }, (err) => resolve({ err })),
  );
  assert.ok(err instanceof RefusedAddressError, String(err));
  assert.equal(err.range, 'loopback');
});
