import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FailureRateLimiter } from './rate-limit.ts';

describe('FailureRateLimiter', () => {
  const minute = 60_000;

  it('blocks a key after 5 failures in 15 minutes until the oldest leaves the window', () => {
    const limiter = new FailureRateLimiter({ maxFailures: 5, windowMs: 15 * minute });
    for (let i = 0; i < 4; i++) limiter.recordFailure(['ip:1'], i * minute);
    assert.equal(limiter.retryAfter(['ip:1'], 4 * minute), 0);
    limiter.recordFailure(['ip:1'], 4 * minute);
    assert.equal(limiter.retryAfter(['ip:1'], 4 * minute), 11 * 60, 'the first failure (t=0) expires at 15 min');
    assert.equal(limiter.retryAfter(['ip:2'], 4 * minute), 0, 'other keys are not affected');
    assert.equal(limiter.retryAfter(['ip:2', 'ip:1'], 4 * minute), 11 * 60, 'any blocked key blocks');
    assert.equal(limiter.retryAfter(['ip:1'], 15 * minute + 1), 0);
  });

  it('keeps bounded memory under a flood of distinct keys and still blocks the flooding address', () => {
    const limiter = new FailureRateLimiter({ maxFailures: 5, windowMs: 15 * minute });
    for (let i = 0; i < 30_000; i++) limiter.recordFailure(['ip:flood', `user:made-up-${i}`], i);
    assert.ok((limiter as unknown as { failures: Map<string, number[]> }).failures.size <= 10_001);
    assert.ok(limiter.retryAfter(['ip:flood'], 30_000) > 0);
  });

  it('forgets a key that is cleared', () => {
    const limiter = new FailureRateLimiter({ maxFailures: 2, windowMs: minute });
    limiter.recordFailure(['user:ada', 'ip:1'], 0);
    limiter.recordFailure(['user:ada', 'ip:1'], 1);
    assert.ok(limiter.retryAfter(['user:ada'], 2) > 0);
    limiter.clear('user:ada');
    assert.equal(limiter.retryAfter(['user:ada'], 2), 0);
    assert.ok(limiter.retryAfter(['ip:1'], 2) > 0);
  });
});
