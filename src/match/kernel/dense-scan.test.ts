// The kernel itself: its exact scores are exactDot's to the bit, and its int8 prefilter
// passes few candidates beyond the real matches (the conformance suite alone would pass
// a kernel that rescored every pair, just slowly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DenseScan } from './dense-scan.ts';
import { InterestMatrix, unitVector } from './interest-matrix.ts';
import { exactDot } from './quantize.ts';
import { clusteredVectors, randomCentroids } from './synthetic-vectors.ts';
import { seededRandom } from '../../seeded-random.ts';

function setup(dims: number, interests: number, posts: number) {
  const random = seededRandom(dims * 31 + interests);
  const topics = randomCentroids(random, 10, dims);
  const matrix = new InterestMatrix(dims, { initialCapacity: 16, regions: 1 });
  const vectors = clusteredVectors(random, interests, topics, 0.7).map(unitVector);
  vectors.forEach((v, i) => matrix.add(i, v));
  const rows = new Float32Array(posts * dims);
  clusteredVectors(random, posts, topics, 0.9).forEach((v, p) => rows.set(unitVector(v), p * dims));
  return { matrix, vectors, rows };
}

for (const dims of [100, 7]) {
  test(`kernel scores equal exactDot bit for bit (${dims} dims, across segments)`, () => {
    const { matrix, rows } = setup(dims, 5000, 33);
    const scan = new DenseScan(matrix.shared(), 0);
    const out = scan.scan(rows, 33, -Infinity, 0, matrix.blockCount);
    assert.equal(out.length, 5000 * 33);
    for (let i = 0; i < out.length; i += 7) {
      const expected = exactDot(matrix.floatRow(out.slot[i]), 0, rows, out.post[i] * dims, dims);
      assert.equal(out.score[i], expected, `pair ${out.post[i]}:${out.slot[i]}`);
    }
  });
}

test('the int8 prefilter passes only a few candidates beyond the true matches', () => {
  const dims = 64;
  const { matrix, rows } = setup(dims, 4000, 64);
  const scan = new DenseScan(matrix.shared(), 0);
  scan.takeRescoredCount();
  const matches = scan.scan(rows, 64, 0.6, 0, matrix.blockCount);
  const candidates = scan.takeRescoredCount();
  assert.ok(matches.length > 100, `${matches.length} matches`);
  assert.ok(candidates >= matches.length);
  assert.ok(candidates < 1.5 * matches.length + 100, `${candidates} candidates for ${matches.length} matches`);
});
