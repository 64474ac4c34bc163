import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRetryAfter } from './retry-after.ts';

const now = Date.parse('2026-11-22T06:00:00Z');

test('delay-seconds become milliseconds', () => {
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
});

test('an HTTP-date becomes the time left until it', () => {
  assert.equal(parseRetryAfter('Sun, 22 Nov 2026 06:05:00 GMT', now), 300_000);
  assert.equal(parseRetryAfter('Sun, 22 Nov 2026 05:00:00 GMT', now), 0);
});

test('missing or unreadable values give undefined', () => {
  for (const v of [undefined, '', '-5', '1.5', 'soon', 'Mon, 99 Foo 2026']) assert.equal(parseRetryAfter(v, now), undefined, String(v));
});
