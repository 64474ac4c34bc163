import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cosine } from '../../embed/sif.ts';
import { CorpusStatistics } from './corpus-statistics.ts';
import { lexicalDocument } from './document.ts';
import { adjustedThreshold, feedbackEvidence, learnedTerms, MAX_LOWER, MAX_RAISE, rocchio, sparseRocchio, THRESHOLD_AS_REPORTS, thresholdWithFeedback } from './feedback.ts';

const unit = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs, (x) => x / n);
};

test('rocchio: moves towards liked posts and away from disliked ones, stays unit', () => {
  const q = unit(1, 0, 0);
  const liked = [unit(0, 1, 0), unit(0.2, 1, 0)];
  const disliked = [unit(0, 0, 1)];
  const moved = rocchio(q, liked, disliked);
  assert.ok(cosine(moved, liked[0]) > cosine(q, liked[0]));
  assert.ok(cosine(moved, disliked[0]) < 0);
  assert.ok(Math.abs(Math.hypot(...moved) - 1) < 1e-6);
  assert.deepEqual(rocchio(q, [], []), q);
});

test('sparseRocchio: learns terms shared by liked posts, not one post\'s quirks', () => {
  const q = new Map([['bread', 1]]);
  const liked = [new Map([['flour', 0.6], ['oven', 0.5], ['paris', 0.6]]), new Map([['flour', 0.7], ['oven', 0.7], ['lyon', 0.2]])];
  const moved = sparseRocchio(q, liked, []);
  assert.ok(moved.has('bread') && moved.has('flour') && moved.has('oven'));
  assert.ok(!moved.has('paris') && !moved.has('lyon'));
  // A single like teaches none of its own words: one post is not the topic (one liked BBC
  // technology article brought ~290 of its words, and the interest matched 2 of its 31 posts).
  // It moves the query's own words only part of the way (the query counts as QUERY_AS_LIKES likes).
  const one = sparseRocchio(new Map([['bread', 0.6], ['flour', 0.8]]), [liked[0]], []);
  assert.deepEqual([...one.keys()].sort(), ['bread', 'flour']);
  assert.ok(one.get('flour')! > 0.8 && one.get('bread')! < 0.6, 'the liked post\'s weight on flour counts');
  const many = sparseRocchio(new Map([['bread', 0.6], ['flour', 0.8]]), Array.from({ length: 20 }, () => liked[0]), []);
  const lean = (v: Map<string, number>) => v.get('flour')! / v.get('bread')!;
  assert.ok(lean(many) > lean(one), 'twenty likes move it further than one');
});

test('learnedTerms: words that separate liked posts from the stream, not frequent ones', () => {
  const stats = new CorpusStatistics((t) => (t === 'said' ? 0.6 : 0.001)); // "said" is common everywhere
  const liked = Array.from({ length: 10 }, (_, i) => lexicalDocument('', `the striker scored a goal said the coach ${i}`));
  const others = Array.from({ length: 90 }, (_, i) => lexicalDocument('', `the minister said the budget ${i % 3 ? 'passed' : 'failed'}`));
  for (const d of [...liked, ...others]) stats.add(d);
  const terms = learnedTerms(liked, stats).map((t) => t.term);
  assert.ok(terms.includes('goal') && terms.includes('striker'));
  assert.ok(!terms.includes('said'), 'a word every post holds is no evidence');
  assert.deepEqual(learnedTerms([], stats), []);
});

test('adjustedThreshold: off-topic reports raise it, likes lower it, within bounds', () => {
  const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}`);
  assert.equal(adjustedThreshold(3, [], []), 3);
  // n reports raise it n / (n + THRESHOLD_AS_REPORTS) of the way to just above their median.
  near(adjustedThreshold(3, [], [3.5, 4, 10]), 3 + 1.1 * 3 / (3 + THRESHOLD_AS_REPORTS));
  near(adjustedThreshold(3, [], [20, 20]), 3 + MAX_RAISE * 2 / (2 + THRESHOLD_AS_REPORTS));
  near(adjustedThreshold(3, [], [5]), 3 + MAX_RAISE / (1 + THRESHOLD_AS_REPORTS));
  const many = Array.from({ length: 400 }, () => 20);
  assert.ok(adjustedThreshold(3, [], many) > 3 + 0.98 * MAX_RAISE && adjustedThreshold(3, [], many) <= 3 + MAX_RAISE);
  assert.equal(adjustedThreshold(3, [2.5, 5, 6], []), 2.5);
  assert.equal(adjustedThreshold(3, [0, 5, 6], []), 3 - MAX_LOWER);
  // Likes never lower it below where the reports raised it.
  near(adjustedThreshold(3, [2, 5], [3.2]), 3 + 0.3 / (1 + THRESHOLD_AS_REPORTS));
  // Evidence learned before the reports were counted takes the whole raise, as it did.
  near(thresholdWithFeedback(3, { offTopicFloor: 4.1 }), 4.1);
  near(thresholdWithFeedback(3, { offTopicFloor: 9 }), 3 + MAX_RAISE);
});

test('thresholdWithFeedback: the same feedback applied again to a base that moved (two numbers kept, not the posts)', () => {
  const liked = [2.5, 5, 6, 7, 9], offTopic = [3.2, 3.6, 8];
  const evidence = feedbackEvidence(liked, offTopic);
  assert.deepEqual(JSON.parse(JSON.stringify(evidence)), evidence, 'plain JSON');
  for (const base of [2, 3, 3.5, 4.5, 6, 9]) assert.equal(thresholdWithFeedback(base, evidence), adjustedThreshold(base, liked, offTopic));
  assert.deepEqual(feedbackEvidence([], []), {});
  assert.equal(thresholdWithFeedback(5.5, {}), 5.5);
});
