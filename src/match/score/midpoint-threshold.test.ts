import assert from 'node:assert/strict';
import { test } from 'node:test';
import { midpointThreshold } from './midpoint-threshold.ts';

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
