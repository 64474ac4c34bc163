import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decayedScore, DEFAULT_HALF_LIFE_HOURS, freshness, HalfLifeError, postTime, rankScore } from './freshness.ts';

const HOUR = 3600 * 1000;
const NOW = new Date('2026-11-22T12:00:00Z');
const hoursAgo = (h: number): Date => new Date(NOW.getTime() - h * HOUR);

test('freshness halves every half-life and is 1 at age 0', () => {
  assert.equal(freshness(0, 36), 1);
  assert.equal(freshness(36 * HOUR, 36), 0.5);
  assert.equal(freshness(72 * HOUR, 36), 0.25);
  assert.equal(freshness(10 * HOUR, 10), 0.5);
  assert.equal(freshness(DEFAULT_HALF_LIFE_HOURS * HOUR), 0.5);
});

test('an infinite half-life turns decay off; zero, negative or NaN half-lives are refused', () => {
  assert.equal(freshness(1000 * HOUR, Infinity), 1);
  for (const bad of [0, -5, NaN]) assert.throws(() => freshness(HOUR, bad), HalfLifeError);
});

test('undated posts count from firstSeenAt; dated ones from their publication', () => {
  assert.equal(postTime(undefined, hoursAgo(5), NOW), hoursAgo(5).getTime());
  assert.equal(postTime(hoursAgo(30), hoursAgo(5), NOW), hoursAgo(30).getTime());
  assert.equal(postTime(new Date('invalid'), hoursAgo(5), NOW), hoursAgo(5).getTime());
});

test('future-dated posts clamp to now, and a date after first sight is not believed', () => {
  // Seen just now, dated tomorrow: as fresh as possible, no fresher.
  assert.equal(postTime(new Date(NOW.getTime() + 24 * HOUR), NOW, NOW), NOW.getTime());
  assert.equal(rankScore(8, new Date(NOW.getTime() + 24 * HOUR), NOW, NOW), 8);
  // Seen two days ago, dated 2030: two days old, not eternally fresh.
  assert.equal(postTime(new Date('2030-01-01T00:00:00Z'), hoursAgo(48), NOW), hoursAgo(48).getTime());
  // A clock that puts firstSeenAt after now still cannot make the post younger than 0.
  assert.equal(postTime(undefined, new Date(NOW.getTime() + HOUR), NOW), NOW.getTime());
});

test('the key: positive scores decay towards 0, negative ones away from it, so age never helps', () => {
  assert.equal(rankScore(10, hoursAgo(36), hoursAgo(36), NOW, 36), 5);
  assert.equal(rankScore(-2, hoursAgo(36), hoursAgo(36), NOW, 36), -4);
  assert.equal(decayedScore(0, 0.5), 0);
  // Monotone in score at a fixed age, and in age at a fixed score.
  for (const score of [-3, -0.5, 0.5, 4, 12]) {
    assert.ok(rankScore(score, hoursAgo(10), hoursAgo(10), NOW) > rankScore(score, hoursAgo(50), hoursAgo(50), NOW));
    assert.ok(rankScore(score + 1, hoursAgo(20), hoursAgo(20), NOW) > rankScore(score, hoursAgo(20), hoursAgo(20), NOW));
  }
});

test('the order of two posts does not depend on when it is computed', () => {
  const a = { score: 9, at: hoursAgo(40) };
  const b = { score: 5, at: hoursAgo(10) };
  const later = new Date(NOW.getTime() + 100 * HOUR);
  const order = (now: Date): boolean => rankScore(a.score, a.at, a.at, now) > rankScore(b.score, b.at, b.at, now);
  assert.equal(order(NOW), order(later));
  assert.equal(order(NOW), 9 / 2 ** (40 / 36) > 5 / 2 ** (10 / 36));
});

test('ancient posts keep finite keys', () => {
  const old = new Date('1990-01-01T00:00:00Z');
  assert.equal(rankScore(5, old, old, NOW), 0);
  assert.equal(rankScore(-5, old, old, NOW), -Number.MAX_VALUE);
});
