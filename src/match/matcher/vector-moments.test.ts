import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import { streamMoments } from '../score/discriminant.ts';
import { clusteredVectors, randomCentroids } from '../kernel/synthetic-vectors.ts';
import { variance } from './running-moments.ts';
import { FORM_BLOCK, VectorMoments } from './vector-moments.ts';

test('the closed-form cosine moments equal the moments of the cosines themselves', () => {
  const random = seededRandom(11);
  const dims = 24;
  const topics = randomCentroids(random, 4, dims);
  const posts = clusteredVectors(random, 300, topics, 0.7);
  posts.push(new Float32Array(dims)); // a post with nothing to embed
  const moments = new VectorMoments(dims);
  for (const p of posts) moments.add(p);
  for (const w of clusteredVectors(random, 5, topics, 0.5)) {
    const cosines = posts.map((p) => p.reduce((s, x, d) => s + x * w[d], 0));
    const mean = cosines.reduce((s, c) => s + c, 0) / cosines.length;
    const v = cosines.reduce((s, c) => s + (c - mean) ** 2, 0) / cosines.length;
    const got = moments.cosineMoments(w);
    assert.equal(got.n, posts.length);
    assert.ok(Math.abs(got.mean - mean) < 1e-9, `mean ${got.mean} vs ${mean}`);
    // wᵀSw in float32 lanes (quadratic-form.wat): relative ~1e-6, far under any staleness.
    assert.ok(Math.abs(variance(got) - v) < 1e-5 * v, `variance ${variance(got)} vs ${v}`);
  }
  const copy = VectorMoments.fromJSON(JSON.parse(JSON.stringify(moments.toJSON())));
  assert.deepEqual(copy.cosineMoments(topics[0]), moments.cosineMoments(topics[0]));
  assert.throws(() => moments.add(new Float32Array(3)), /3 dims, expected 24/);
});

test('cosineMomentsBlock gives each vector what cosineMoments gives it alone', () => {
  const random = seededRandom(13);
  const dims = 30;
  const topics = randomCentroids(random, 3, dims);
  const moments = new VectorMoments(dims);
  for (const p of clusteredVectors(random, 200, topics, 0.7)) moments.add(p);
  const ws = clusteredVectors(random, FORM_BLOCK, topics, 0.5);
  const out = new Float64Array(2 * FORM_BLOCK);
  for (let count = 1; count <= FORM_BLOCK; count++) {
    moments.cosineMomentsBlock(ws, count, out);
    for (let k = 0; k < count; k++) {
      const alone = moments.cosineMoments(ws[k]);
      assert.equal(out[k], alone.m2, `count ${count}, vector ${k}: m2`);
      assert.equal(out[FORM_BLOCK + k], alone.mean, `count ${count}, vector ${k}: mean`);
    }
  }
});

test('the mean and covariance handed to feedback equal the two-pass ones', () => {
  const random = seededRandom(12);
  const dims = 16;
  const posts = clusteredVectors(random, 120, randomCentroids(random, 3, dims), 0.6);
  const moments = new VectorMoments(dims);
  for (const p of posts) moments.add(p);
  const got = moments.moments(), want = streamMoments(posts);
  Array.from(got.mean).forEach((x, d) => assert.ok(Math.abs(x - want.mean[d]) < 1e-12, `mean[${d}] ${x} vs ${want.mean[d]}`));
  Array.from(got.covariance).forEach((x, k) => assert.ok(Math.abs(x - want.covariance[k]) < 1e-12, `covariance[${k}] ${x} vs ${want.covariance[k]}`));
  assert.deepEqual(new VectorMoments(dims).moments().covariance, new Float64Array(dims * dims));
});
