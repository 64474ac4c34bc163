import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anchoredNull, blend, moments, offTopicMoments, onTopicCutoff, ON_TOPIC_CUTOFF, upperSpreadFactor, zScore } from './calibration.ts';

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

test('onTopicCutoff: the prior\'s cutoff for an empty sample, wider as the sample grows, none once it weighs as much', () => {
  assert.equal(onTopicCutoff(0, 200), ON_TOPIC_CUTOFF);
  assert.equal(onTopicCutoff(100, 200), ON_TOPIC_CUTOFF / 0.75);
  assert.ok(onTopicCutoff(20, 200) < onTopicCutoff(50, 200));
  assert.equal(onTopicCutoff(200, 200), Infinity);
  assert.equal(onTopicCutoff(5000, 200), Infinity);
});

test('anchoredNull: a small sample that is all on topic leaves the prior where blend() moves it', () => {
  const prior = { mean: 0, std: 1 };
  // 20 posts of one topic, 3 to 7 SDs above the prior's typical post: blend() takes their median for
  // the off-topic one and the topic is standardised against itself.
  const topic = Array.from({ length: 20 }, (_, i) => 3 + (4 * i) / 19);
  const all = () => true;
  const blended = blend(prior, 200, offTopicMoments(topic));
  const anchored = anchoredNull(topic, all, prior, 200, offTopicMoments);
  assert.ok(blended.mean > 0.4 && blended.std > 1.2, `blend: ${JSON.stringify(blended)}`);
  assert.deepEqual(anchored, prior);
  // The same posts among 80 off-topic ones: those say where the off-topic posts are, the topic
  // does not (blend() moves the typical post to 0.21, anchored 0.08, the 80 alone 0.07).
  const offTopic = Array.from({ length: 80 }, (_, i) => 0.3 + inverseNormal((i + 0.5) / 80));
  const mixed = anchoredNull([...offTopic, ...topic], all, prior, 200, offTopicMoments);
  const alone = anchoredNull(offTopic, all, prior, 200, offTopicMoments);
  assert.ok(Math.abs(mixed.mean - alone.mean) < 0.05 && Math.abs(mixed.std - alone.std) < 0.05, `mixed ${JSON.stringify(mixed)}, alone ${JSON.stringify(alone)}`);
  assert.ok(blend(prior, 200, offTopicMoments([...offTopic, ...topic])).mean > mixed.mean + 0.05);
});

test('anchoredNull: a large stream decides itself, even where the prior is off', () => {
  // 5,000 off-topic posts centred 2 prior SDs up, spread 1.5: a sample heavier than the prior has no cutoff.
  const stream = Array.from({ length: 5000 }, (_, i) => 2 + 1.5 * inverseNormal((i + 0.5) / 5000));
  const prior = { mean: 0, std: 1 };
  assert.deepEqual(anchoredNull(stream, () => true, prior, 200, offTopicMoments), blend(prior, 200, offTopicMoments(stream)));
  // Excluded posts do not count, with plain moments as with robust ones.
  const withOutlier = [...stream.slice(0, 100), 1000];
  assert.deepEqual(anchoredNull(withOutlier, (i) => i < 100, prior, 50, moments), blend(prior, 50, moments(stream.slice(0, 100))));
});
