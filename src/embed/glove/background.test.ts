import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_EMBEDDER_ID } from '../builtin.ts';
import { cosine, dot, normalizeInPlace } from '../sif.ts';
import { cosineStatistics, decodeBackground, encodeBackground, gloveBackground, meanAndCovariance } from './background.ts';
import { seededRandom } from '../../seeded-random.ts';

function randomUnitVectors(count: number, dims: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => normalizeInPlace(Float32Array.from({ length: dims }, () => random() - 0.3)));
}

test('cosine statistics from mean and covariance equal those of the vectors themselves', () => {
  const vectors = randomUnitVectors(500, 6, 1);
  const { mean, covariance } = meanAndCovariance(vectors);
  const background = { embedderId: 'x', method: '', documents: 500, seed: 1, commonComponent: new Float32Array(6), mean, covariance };
  const query = Float32Array.of(2, -1, 0.5, 0, 1, 3); // not unit: statistics are of the cosine
  const cosines = vectors.map((v) => cosine(v, query));
  const m = cosines.reduce((a, b) => a + b, 0) / cosines.length;
  const sd = Math.sqrt(cosines.reduce((a, b) => a + (b - m) ** 2, 0) / cosines.length);
  const stats = cosineStatistics(background, query);
  assert.ok(Math.abs(stats.mean - m) < 1e-9, `${stats.mean} vs ${m}`);
  assert.ok(Math.abs(stats.std - sd) < 1e-9, `${stats.std} vs ${sd}`);
  assert.deepEqual(cosineStatistics(background, new Float32Array(6)), { mean: 0, std: 0 });
});

test('encode and decode round-trip (to 6 significant digits)', () => {
  const vectors = randomUnitVectors(50, 4, 2);
  const { mean, covariance } = meanAndCovariance(vectors);
  const original = { embedderId: 'e@1', method: 'm', documents: 50, seed: 2, commonComponent: vectors[0], mean, covariance };
  const decoded = decodeBackground(encodeBackground(original));
  assert.equal(decoded.embedderId, 'e@1');
  decoded.covariance.forEach((x, i) => assert.ok(Math.abs(x - covariance[i]) <= Math.abs(covariance[i]) * 1e-5));
  assert.throws(() => decodeBackground('{"commonComponent":[1,2],"mean":[1],"covariance":[]}', 'b.json'), /b\.json: sizes disagree/);
});

test('the shipped background belongs to the built-in embedder and is sane', () => {
  const background = gloveBackground();
  assert.equal(background.embedderId, BUILTIN_EMBEDDER_ID);
  assert.ok(background.documents >= 2000);
  assert.ok(Math.abs(dot(background.commonComponent, background.commonComponent) - 1) < 1e-4, 'unit common component');
  // Background texts are unit vectors with the common component removed: the mean has no
  // component along it, and the variances sum to at most 1.
  const meanAlong = background.commonComponent.reduce((s, u, i) => s + u * background.mean[i], 0);
  assert.ok(Math.abs(meanAlong) < 1e-3, String(meanAlong));
  let trace = 0;
  for (let i = 0; i < 100; i++) trace += background.covariance[i * 100 + i];
  assert.ok(trace > 0.05 && trace < 1, String(trace));
});
