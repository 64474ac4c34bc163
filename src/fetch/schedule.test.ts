import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorBackoffDelay, nextPollDelay } from './schedule.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = new Date('2026-11-22T06:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const every = (gapMs: number, count: number) => Array.from({ length: count }, (_, i) => ago(gapMs * (i + 1)));

test('a quiet feed (no recent entries) is polled daily', () => {
  assert.equal(nextPollDelay({ recentEntryTimes: [], now }), DAY);
  assert.equal(nextPollDelay({ recentEntryTimes: every(60 * DAY, 10), now }), DAY);
});

test('the interval follows the posting rate: half the mean gap', () => {
  assert.equal(nextPollDelay({ recentEntryTimes: every(4 * HOUR, 20), now }), 2 * HOUR);
  assert.equal(nextPollDelay({ recentEntryTimes: every(12 * HOUR, 20), now }), 6 * HOUR);
  const busier = nextPollDelay({ recentEntryTimes: every(1 * HOUR, 20), now });
  const quieter = nextPollDelay({ recentEntryTimes: every(8 * HOUR, 20), now });
  assert.ok(busier < quieter);
});

test('the interval is clamped to [15 min, 24 h]', () => {
  assert.equal(nextPollDelay({ recentEntryTimes: every(MIN, 20), now }), 15 * MIN);
  assert.equal(nextPollDelay({ recentEntryTimes: every(5 * DAY, 5), now }), DAY);
});

test('entries dated in the future are ignored', () => {
  const future = Array.from({ length: 50 }, (_, i) => new Date(now.getTime() + (i + 1) * MIN));
  assert.equal(nextPollDelay({ recentEntryTimes: [...future, ...every(12 * HOUR, 20)], now }), 6 * HOUR);
});

test('RSS ttl is a lower bound, capped at the daily ceiling', () => {
  assert.equal(nextPollDelay({ recentEntryTimes: every(HOUR, 20), now, ttlMinutes: 180 }), 3 * HOUR);
  assert.equal(nextPollDelay({ recentEntryTimes: every(12 * HOUR, 20), now, ttlMinutes: 60 }), 6 * HOUR);
  assert.equal(nextPollDelay({ recentEntryTimes: every(HOUR, 20), now, ttlMinutes: 60 * 24 * 7 }), DAY);
  assert.equal(nextPollDelay({ recentEntryTimes: every(4 * HOUR, 20), now, ttlMinutes: 0 }), 2 * HOUR);
});

test('error backoff doubles from 15 min, capped at 24 h, jittered between half and all', () => {
  const low = () => 0;
  const high = () => 1;
  assert.equal(errorBackoffDelay(1, undefined, high), 15 * MIN);
  assert.equal(errorBackoffDelay(1, undefined, low), 7.5 * MIN);
  assert.equal(errorBackoffDelay(2, undefined, high), 30 * MIN);
  assert.equal(errorBackoffDelay(3, undefined, high), HOUR);
  assert.equal(errorBackoffDelay(7, undefined, high), 16 * HOUR);
  assert.equal(errorBackoffDelay(8, undefined, high), DAY);
  assert.equal(errorBackoffDelay(1000, undefined, high), DAY);
  assert.equal(errorBackoffDelay(1000, undefined, low), DAY / 2);
  assert.equal(errorBackoffDelay(0, undefined, high), 15 * MIN, 'zero is treated as the first error');
});

test('jitter spreads retries of feeds that failed together', () => {
  let seed = 1;
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const delays = new Set(Array.from({ length: 100 }, () => errorBackoffDelay(3, undefined, random)));
  assert.ok(delays.size > 90);
  for (const d of delays) assert.ok(d >= 30 * MIN && d <= HOUR);
});

test('a larger Retry-After wins, within a week; a smaller one does not shorten the backoff', () => {
  assert.equal(errorBackoffDelay(1, 2 * HOUR, () => 1), 2 * HOUR);
  assert.equal(errorBackoffDelay(5, MIN, () => 1), 4 * HOUR);
  assert.equal(errorBackoffDelay(1, 365 * DAY, () => 1), 7 * DAY);
});
