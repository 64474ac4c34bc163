import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import { CandidatePairs } from './candidate-pairs.ts';

test('candidates come grouped by row, posts ascending, the scan and the index merged; missing ones listed by post', () => {
  const random = seededRandom(5);
  const pairs = new CandidatePairs();
  for (const [rows, posts] of [[50, 20], [200, 7], [30, 40]]) { // the scratch is reused and grows
    // Reference: (row, post) → cosine and ℓ.
    const cos = new Map<string, number>(), lex = new Map<string, number>();
    for (let row = 0; row < rows + 5; row++) { // rows ≥ `rows` (added during the scan) are dropped
      for (let post = 0; post < posts; post++) {
        const u = random();
        if (u < 0.3) cos.set(`${row},${post}`, Math.fround(random()));
        if (u > 0.2 && u < 0.5) lex.set(`${row},${post}`, Math.fround(0.1 + random()));
      }
    }
    // The scan's pairs in any order (workers, batches); the index's hits post by post.
    const dense = [...cos].map(([k, c]) => [...k.split(',').map(Number), c]).sort(() => random() - 0.5);
    const hitStart = new Int32Array(posts + 1), hitRow: number[] = [], hitScore: number[] = [];
    for (let post = 0; post < posts; post++) {
      const rowsHit = [...lex.keys()].map((k) => k.split(',').map(Number)).filter(([, p]) => p === post).map(([r]) => r).sort(() => random() - 0.5);
      for (const r of rowsHit) { hitRow.push(r); hitScore.push(lex.get(`${r},${post}`)!); }
      hitStart[post + 1] = hitRow.length;
    }
    pairs.build(rows, posts, {
      post: Int32Array.from(dense, (d) => d[1]), interest: Float64Array.from(dense, (d) => d[0]), score: Float32Array.from(dense, (d) => d[2]), length: dense.length,
    }, { hitStart, hitRow: Int32Array.from(hitRow), hitScore: Float32Array.from(hitScore) });

    const missing: string[] = [];
    for (let row = 0; row < rows; row++) {
      const want = [...new Set([...cos.keys(), ...lex.keys()])].map((k) => k.split(',').map(Number)).filter(([r]) => r === row).map(([, p]) => p).sort((a, b) => a - b);
      const got: number[] = [];
      for (let k = pairs.start[row]; k < pairs.start[row + 1]; k++) {
        const post = pairs.post[k], key = `${row},${post}`;
        got.push(post);
        assert.equal(pairs.lexical[k], lex.get(key) ?? 0, `ℓ of ${key}`);
        if (cos.has(key)) assert.equal(pairs.cosine[k], cos.get(key), `cosine of ${key}`);
        else { assert.ok(Number.isNaN(pairs.cosine[k]), `${key} is missing`); missing.push(`${post},${row},${k}`); }
      }
      assert.deepEqual(got, want, `row ${row}`);
    }
    assert.equal(pairs.length, pairs.start[rows]);
    const listed: string[] = [];
    for (let post = 0; post < posts; post++) {
      for (let k = pairs.missingStart[post]; k < pairs.missingStart[post + 1]; k++) listed.push(`${post},${pairs.missingRow[k]},${pairs.missingIndex[k]}`);
    }
    assert.deepEqual(listed, missing.sort((a, b) => a.split(',').map(Number).reduce((x, v, i) => x || v - b.split(',').map(Number)[i], 0)));
    assert.ok(missing.length > 0);
  }
});
