import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import { midpoint, midpointThreshold, MIN_STREAMED_MATCHES, streamingMidpointThreshold } from './midpoint-threshold.ts';
import { EMPTY_RUNNING_MEDIAN, observeMedian } from './running-median.ts';

const all = () => true;

test('midpointThreshold: halfway between the typical off-topic post and the typical match', () => {
  // Off-topic posts around 0, a neighbouring topic's posts at 4 and 5, the interest's own at 12.
  const scores = [-1, 0, 0, 0, 1, 4, 5, 12, 12, 12, 12, 12];
  // Matches at 3: 4, 5 and five 12s, median 12; typical off-topic 0 → 6.
  assert.equal(midpointThreshold(scores, 3, (j) => j < 7), 6);
  assert.ok(!(5 >= midpointThreshold(scores, 3, (j) => j < 7)), 'the neighbours fall below it');
});

test('midpointThreshold: scales with the topic (a stronger topic, a higher boundary)', () => {
  const weak = [0, 0, 0, 3.5, 4, 4.5, 5];
  const strong = weak.map((x) => 3 * x);
  assert.ok(midpointThreshold(strong, 3, all) > midpointThreshold(weak, 3, all));
});

test('midpointThreshold: never below the null threshold, which stays when nothing reaches it', () => {
  // Matches barely above the null threshold: their midpoint with 0 is below it.
  assert.equal(midpointThreshold([0, 0, 0, 3.2, 3.4], 3, all), 3);
  assert.equal(midpointThreshold([0, 1, 2], 3, all), 3);
  assert.equal(midpointThreshold([], 3, all), 3);
});

test('midpointThreshold: at least half of the posts the null threshold lets through stay above it', () => {
  const scores = [0, 0, 0, 0, 3, 3.5, 7, 9, 20, 30];
  const t = midpointThreshold(scores, 3, all);
  const before = scores.filter((x) => x >= 3).length;
  assert.ok(scores.filter((x) => x >= t).length >= before / 2);
});

test('streamingMidpointThreshold: the same rule with a running median of the matches and 0 as the typical off-topic post', () => {
  // A strong topic's matches around 12: halfway to 0 is 6.
  let matches = EMPTY_RUNNING_MEDIAN;
  for (let k = 0; k < 50; k++) matches = observeMedian(matches, 12);
  assert.equal(streamingMidpointThreshold(3, matches), 6);
  assert.equal(streamingMidpointThreshold(3, matches), midpoint(3, 0, 12));
  // Matches barely above the null threshold keep it.
  let weak = EMPTY_RUNNING_MEDIAN;
  for (let k = 0; k < 50; k++) weak = observeMedian(weak, 3 + (k % 3) * 0.2);
  assert.equal(streamingMidpointThreshold(3, weak), 3);
});

test('streamingMidpointThreshold: the null threshold until enough matches were seen', () => {
  let matches = EMPTY_RUNNING_MEDIAN;
  for (let k = 0; k < MIN_STREAMED_MATCHES - 1; k++) matches = observeMedian(matches, 20);
  assert.equal(streamingMidpointThreshold(3, matches), 3);
  assert.equal(streamingMidpointThreshold(3, observeMedian(matches, 20)), 10);
});

test('streamingMidpointThreshold: close to the batch threshold on the same scores', () => {
  // Off-topic scores standardised around 0, a neighbouring topic's posts at 3-6, the topic's own at 8-16.
  const random = seededRandom(11);
  const scores: number[] = [];
  for (let k = 0; k < 3000; k++) {
    const r = random();
    scores.push(r < 0.8 ? 2 * (random() + random() + random() - 1.5) : r < 0.9 ? 3 + 3 * random() : 8 + 8 * random());
  }
  let matches = EMPTY_RUNNING_MEDIAN;
  for (const s of scores) if (s >= 3) matches = observeMedian(matches, s);
  const batch = midpointThreshold(scores, 3, () => true);
  assert.ok(Math.abs(streamingMidpointThreshold(3, matches) - batch) < 0.4, `streamed ${streamingMidpointThreshold(3, matches)}, batch ${batch}`);
});
