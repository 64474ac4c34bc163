import assert from 'node:assert/strict';
import { test } from 'node:test';
import { smoothScores } from './smoothing.ts';

test('smoothing: a high score among low-scoring neighbours falls behind one among high-scoring ones', () => {
  // 0..39 off-topic noise; 40 and 41 score the same, 40's neighbours are on-topic posts (42..51), 41's off-topic.
  const scores = [...Array.from({ length: 40 }, (_, j) => ((j % 9) - 4) / 4), 3, 3, ...Array(10).fill(5)];
  const neighbours = scores.map((_, j) => (j === 40 ? [42, 43, 44, 45, 46, 47, 48, 49, 50, 51] : j === 41 ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] : []));
  const out = smoothScores(scores, neighbours, (j) => j < 40);
  assert.ok(out[40] > out[41] + 1, `${out[40]} vs ${out[41]}`);
});

test('smoothing: keeps the meaning of the scale (typical off-topic post near 0) and leaves posts without neighbours in order', () => {
  const scores = Array.from({ length: 101 }, (_, j) => (j - 50) / 25);
  const out = smoothScores(scores, scores.map(() => []), () => true);
  assert.ok(Math.abs(out[50]) < 1e-9);
  for (let j = 1; j < out.length; j++) assert.ok(out[j] > out[j - 1]);
});
