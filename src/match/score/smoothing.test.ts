import assert from 'node:assert/strict';
import { test } from 'node:test';
import { propagatedScores, smoothScores } from './smoothing.ts';

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

test('propagatedScores: the fixed point of x = (1 − w)·own + w·mean(x of the neighbours), standardised as smoothScores', () => {
  // 60 off-topic posts without neighbours set the scale; posts 60 and 61 are each other's only
  // neighbour (w = 0.5 × 1/10 = 0.05): x60 = 0.95·6 + 0.05·x61, x61 = 0.95·2 + 0.05·x60.
  const scores = [...Array.from({ length: 60 }, (_, j) => ((j % 7) - 3) / 3), 6, 2];
  const neighbours = scores.map((_, j) => (j === 60 ? [61] : j === 61 ? [60] : []));
  const w = 0.05;
  const x60 = ((1 - w) * 6 + w * (1 - w) * 2) / (1 - w * w);
  const x61 = (1 - w) * 2 + w * x60;
  const none = scores.map(() => []);
  const expected = smoothScores([...scores.slice(0, 60), x60, x61], none, (j) => j < 60);
  const out = propagatedScores(scores, neighbours, (j) => j < 60);
  for (let j = 0; j < scores.length; j++) assert.ok(Math.abs(out[j] - expected[j]) < 1e-3, `${j}: ${out[j]} vs ${expected[j]}`);
});

test('propagatedScores: the neighbours\' neighbours count, where one step sees only the neighbours', () => {
  // Post 40 sits among posts 41..50, which score like the off-topic bulk but sit among on-topic
  // posts 51..60; post 61 is the same as 40, among neighbours (62..71) whose own neighbours are off-topic.
  const bulk = Array.from({ length: 40 }, (_, j) => ((j % 9) - 4) / 4);
  const scores = [...bulk, 3, ...Array(10).fill(0), ...Array(10).fill(8), 3, ...Array(10).fill(0)];
  const range = (from: number) => Array.from({ length: 10 }, (_, k) => from + k);
  const neighbours = scores.map((_, j) => (j === 40 ? range(41) : j >= 41 && j <= 50 ? range(51) : j === 61 ? range(62) : j >= 62 && j <= 71 ? range(0) : []));
  const isNull = (j: number) => j < 40;
  const once = smoothScores(scores, neighbours, isNull);
  const spread = propagatedScores(scores, neighbours, isNull);
  assert.ok(Math.abs(once[40] - once[61]) < 1e-9, 'one step: the same');
  assert.ok(spread[40] > spread[61] + 0.5, `propagated: ${spread[40]} vs ${spread[61]}`);
});
