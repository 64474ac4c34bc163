import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import { WindowScorer, type WindowPost } from './window-scorer.ts';

const DIMS = 16;

function unitPosts(n: number, seed: number): WindowPost[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: DIMS }, () => random() - 0.5);
    const norm = Math.hypot(...v);
    return { vector: v.map((x) => x / norm) };
  });
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Post indexes the scan finds, sorted. */
async function found(scorer: WindowScorer, ids: Int32Array, query: ArrayLike<number>, floor: number): Promise<number[]> {
  const list = await scorer.scan(query, floor);
  const index = new Map(Array.from(ids, (id, j) => [id, j]));
  return Array.from({ length: list.length }, (_, i) => index.get(list.interest[i])!).sort((a, b) => a - b);
}

test('held posts are scanned and scored exactly; holding again adds the new and drops the gone', async () => {
  const scorer = new WindowScorer(DIMS);
  try {
    const [query] = unitPosts(1, 1);
    const first = unitPosts(300, 2), later = unitPosts(100, 3);
    const expected = (posts: WindowPost[]) => posts.flatMap((p, j) => (dot(p.vector, query.vector) >= 0.2 ? [j] : []));
    let ids = scorer.hold(first);
    assert.equal(scorer.size, 300);
    assert.deepEqual(await found(scorer, ids, query.vector, 0.2), expected(first));
    // The window moves on: the oldest 120 posts leave, 100 come.
    const window = [...first.slice(120), ...later];
    const again = scorer.hold(window);
    assert.deepEqual(Array.from(again.subarray(0, 180)), Array.from(ids.subarray(120)), 'posts still held keep their ids');
    ids = again;
    assert.equal(scorer.size, 280);
    assert.deepEqual(await found(scorer, ids, query.vector, 0.2), expected(window));
    const exact = scorer.exactScores(query.vector, ids);
    window.forEach((p, j) => assert.ok(Math.abs(exact[j] - dot(p.vector, query.vector)) < 1e-5));
  } finally {
    await scorer.close();
  }
});

test('a scan before any post is held is an error that says so', () => {
  assert.throws(() => new WindowScorer(DIMS).exactScores(new Float32Array(DIMS), []), /no posts held/);
});
