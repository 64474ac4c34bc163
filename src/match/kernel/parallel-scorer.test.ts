// What only the worker-thread scorer has: slices across workers, a lost worker, closing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParallelDenseScorer, ScanWorkerError } from './parallel-scorer.ts';
import { WasmDenseScorer } from './wasm-scorer.ts';
import { clusteredVectors, randomCentroids } from './synthetic-vectors.ts';
import { seededRandom } from '../../seeded-random.ts';

test('three workers and the calling thread find the same matches over one shared matrix', async () => {
  const random = seededRandom(21);
  const topics = randomCentroids(random, 8, 32);
  const parallel = new ParallelDenseScorer(32, { workers: 3, spareRegions: 1, initialCapacity: 16 });
  try {
    clusteredVectors(random, 5000, topics, 0.8).forEach((v, i) => parallel.add(i, v));
    const here = new WasmDenseScorer(parallel.matrix, 3);
    const posts = clusteredVectors(random, 40, topics, 0.8);
    const a = await parallel.scoreBatch(posts, 0.6);
    const b = here.scoreBatchSync(posts, 0.6);
    const key = (m: typeof a) => Array.from({ length: m.length }, (_, i) => `${m.post[i]}:${m.interest[i]}:${m.score[i]}`).sort();
    assert.ok(a.length > 100);
    assert.deepEqual(key(a), key(b));
  } finally {
    await parallel.close();
  }
});

test('a closed scorer refuses to scan instead of returning partial results', async () => {
  const parallel = new ParallelDenseScorer(4, { workers: 2, initialCapacity: 16 });
  parallel.add(1, [1, 0, 0, 0]);
  await parallel.close();
  await assert.rejects(parallel.scoreBatch([[1, 0, 0, 0]], 0), ScanWorkerError);
});
