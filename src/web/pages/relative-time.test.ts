import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relativeTime, timeElement } from './relative-time.ts';

const now = new Date('2025-06-15T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

test('relativeTime: minutes, hours, days, then the date (with the year only when it differs)', () => {
  assert.equal(relativeTime(ago(20_000), now), 'just now');
  assert.equal(relativeTime(ago(5 * 60_000), now), '5 min ago');
  assert.equal(relativeTime(ago(3 * 3600_000 + 1), now), '3 h ago');
  assert.equal(relativeTime(ago(30 * 3600_000), now), 'yesterday');
  assert.equal(relativeTime(ago(3 * 86400_000), now), '3 days ago');
  assert.equal(relativeTime(new Date('2025-03-02T08:00:00Z'), now), '2 Mar');
  assert.equal(relativeTime(new Date('2023-12-24T08:00:00Z'), now), '24 Dec 2023');
  // A post dated in the future (a wrong clock upstream) shows its date, not "-3 h ago".
  assert.equal(relativeTime(new Date('2025-06-16T00:00:00Z'), now), '16 Jun');
});

test('timeElement: machine-readable datetime and the exact time as its title', () => {
  assert.equal(timeElement(ago(2 * 3600_000), now), '<time datetime="2025-06-15T10:00:00.000Z" title="2025-06-15 10:00 UTC">2 h ago</time>');
});
