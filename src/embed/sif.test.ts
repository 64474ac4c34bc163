import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cosine, firstPrincipalComponent, normalizeInPlace, removeComponentInPlace, sifWeight, zipfProbability } from './sif.ts';

test('Zipf probabilities: about 7% for the most frequent word, summing to 1 over the vocabulary', () => {
  assert.ok(Math.abs(zipfProbability(0) - 0.0742) < 0.001, String(zipfProbability(0)));
  assert.ok(zipfProbability(9) < zipfProbability(0) / 9.99);
  let total = 0;
  for (let rank = 0; rank < 400_000; rank++) total += zipfProbability(rank);
  assert.ok(Math.abs(total - 1) < 1e-6, String(total));
});

test('SIF weights: near 0 for frequent words, near 1 for rare ones, increasing with rank', () => {
  assert.ok(sifWeight(zipfProbability(0)) < 0.02);
  assert.ok(sifWeight(zipfProbability(50_000)) > 0.99);
  let previous = 0;
  for (const rank of [0, 10, 100, 1000, 10_000]) {
    const w = sifWeight(zipfProbability(rank));
    assert.ok(w > previous, `rank ${rank}`);
    previous = w;
  }
});

test('normalizing a zero vector leaves zeros, not NaN; cosine with zero is 0', () => {
  const zero = new Float32Array(4);
  assert.deepEqual([...normalizeInPlace(zero)], [0, 0, 0, 0]);
  assert.equal(cosine(zero, Float32Array.of(1, 0, 0, 0)), 0);
  const v = normalizeInPlace(Float32Array.of(3, 4, 0, 0));
  assert.ok(Math.abs(v[0] - 0.6) < 1e-6 && Math.abs(v[1] - 0.8) < 1e-6);
});

test('removing a component leaves a vector orthogonal to it', () => {
  const u = normalizeInPlace(Float32Array.of(1, 1, 0));
  const v = removeComponentInPlace(Float32Array.of(2, 0, 5), u);
  assert.ok(Math.abs(v[0] + v[1]) < 1e-6);
  assert.equal(v[2], 5);
});

test('the first principal component of vectors spread along one axis is that axis', () => {
  const vectors: Float32Array[] = [];
  for (let i = 0; i < 50; i++) vectors.push(Float32Array.of(10 * Math.sin(i), Math.cos(i * 3), 0.5 * Math.sin(i * 7)));
  const u = firstPrincipalComponent(vectors);
  assert.ok(Math.abs(u[0]) > 0.99, String([...u]));
  assert.ok(u[0] > 0, 'sign is fixed: largest coordinate positive');
  assert.deepEqual(firstPrincipalComponent(vectors), u, 'deterministic');
});
