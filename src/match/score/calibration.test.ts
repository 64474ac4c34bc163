import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blend, moments, offTopicMoments, upperSpreadFactor, zScore } from './calibration.ts';

test('moments: mean and population standard deviation, optionally of a subset', () => {
  assert.deepEqual(moments([1, 2, 3, 4]), { n: 4, mean: 2.5, std: Math.sqrt(1.25) });
  assert.deepEqual(moments([1, 100, 3], (i) => i !== 1), { n: 2, mean: 2, std: 1 });
  assert.deepEqual(moments([]), { n: 0, mean: 0, std: 0 });
});

test('blend: the prior decides a small sample, a large sample decides itself', () => {
  const prior = { mean: 0, std: 1 };
  const small = blend(prior, 100, { n: 2, mean: 10, std: 1 });
  const large = blend(prior, 100, { n: 100_000, mean: 10, std: 1 });
  assert.ok(small.mean < 0.3, `small: ${small.mean}`);
  assert.ok(Math.abs(large.mean - 10) < 0.02, `large: ${large.mean}`);
  // Pooling two groups with different means widens the spread.
  assert.ok(blend(prior, 1, { n: 1, mean: 4, std: 1 }).std > 1.5);
  assert.deepEqual(blend(prior, 0, { n: 0, mean: 0, std: 0 }), prior);
});

test('offTopicMoments: on-topic posts in the right tail do not move the off-topic spread', () => {
  // 800 "off-topic" values spread evenly around 0 (a discrete normal by quantiles) and 200
  // far-right "on-topic" ones: plain moments are dragged, the robust ones are not.
  const offTopic = Array.from({ length: 800 }, (_, i) => inverseNormal((i + 0.5) / 800));
  const all = [...offTopic, ...Array.from({ length: 200 }, () => 8)];
  const robust = offTopicMoments(all);
  const plain = moments(all);
  assert.ok(plain.std > 2.5, `plain std ${plain.std}`);
  assert.ok(Math.abs(robust.std - 1) < 0.25, `robust std ${robust.std}`);
  assert.ok(Math.abs(robust.mean) < 0.4, `robust mean ${robust.mean}`);
});

test('zScore: standard deviations above the mean, never a division by zero', () => {
  assert.equal(zScore(3, { mean: 1, std: 2 }), 1);
  assert.ok(Number.isFinite(zScore(1, { mean: 0, std: 0 })));
});

// Acklam's rational approximation is overkill here; bisection on erf-free logistic-normal CDF
// would be too: the quantile of a normal by Newton on the complementary error function is
// replaced by a simple Box–Muller-free series good to ~1e-3, enough for a test fixture.
function inverseNormal(p: number): number {
  // Shore (1982): z ≈ 5.5556·[1 − ((1 − p)/p)^0.1186], p ≥ 0.5; symmetric below.
  return p >= 0.5 ? 5.5556 * (1 - ((1 - p) / p) ** 0.1186) : -inverseNormal(1 - p);
}

test('upperSpreadFactor: 1 for a symmetric null with its own posts far right; > 1 when neighbours widen the upper side', () => {
  const offTopic = Array.from({ length: 800 }, (_, i) => inverseNormal((i + 0.5) / 800));
  const own = Array.from({ length: 150 }, () => 8);
  assert.ok(Math.abs(upperSpreadFactor([...offTopic, ...own]) - 1) < 0.15, `symmetric: ${upperSpreadFactor([...offTopic, ...own])}`);
  // A neighbouring topic: a third of the off-topic posts one to four SDs up.
  const neighbours = Array.from({ length: 400 }, (_, i) => 1 + (3 * i) / 400);
  const widened = upperSpreadFactor([...offTopic, ...neighbours, ...own]);
  assert.ok(widened > 1.15, `widened: ${widened}`);
  // Excluded posts do not count; too few posts say nothing.
  assert.equal(upperSpreadFactor([...offTopic, ...neighbours], (i) => i < 800), upperSpreadFactor(offTopic));
  assert.equal(upperSpreadFactor([5]), 1);
});
