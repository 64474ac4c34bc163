import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeContinuation, encodeContinuation } from './continuation.ts';
import { GreaderError } from './errors.ts';
import { olderThan } from './mark-all-read.ts';

describe('continuations', () => {
  it('round-trip date cursors and any rank key, in URL-safe characters', () => {
    const date = { order: 'date' as const, after: { time: new Date('2026-11-21T10:00:00Z'), id: 42 } };
    const text = encodeContinuation(date);
    assert.match(text, /^[\w.]+$/);
    assert.deepEqual(decodeContinuation(text), date);
    for (const before of [0, -1.5, 3.25e-9, 1e300, -123456.789]) {
      const ranked = encodeContinuation({ order: 'ranked', before });
      assert.match(ranked, /^r[0-9a-f]{16}$/);
      assert.deepEqual(decodeContinuation(ranked), { order: 'ranked', before });
    }
  });

  it('refuses what this server never gave (400)', () => {
    for (const text of ['', 'abc', 'd1.', 'd.1', 'r123', `r${'f'.repeat(16)}`, 'd1.2.3']) {
      assert.throws(() => decodeContinuation(text), (e: unknown) => e instanceof GreaderError && e.status === 400, text);
    }
  });
});

describe('mark-all-as-read ts', () => {
  it('reads seconds, milliseconds, microseconds (Google) and nanoseconds by size; absent is now', () => {
    const t = Date.parse('2026-11-21T10:00:00Z');
    for (const ts of [t / 1000, t, t * 1000, t * 1e6]) assert.equal(olderThan(BigInt(ts).toString()).getTime(), t, String(ts));
    const now = new Date();
    assert.equal(olderThan(undefined, now), now);
    assert.throws(() => olderThan('-5'), GreaderError);
  });
});
