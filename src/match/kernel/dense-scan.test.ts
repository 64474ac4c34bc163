// The kernel itself: its approximate scores obey the error bound it relies on, and its
// fused threshold really filters (the conformance suite alone would pass a kernel that
// emitted every pair, just slowly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DenseScan } from './dense-scan.ts';
import { InterestMatrix, unitVector } from './interest-matrix.ts';
import { OUTPUT_RECORD_BYTES, scanRegion } from './layout.ts';
import { clusteredVectors, randomCentroids, seededRandom } from './dense-scorer-conformance.ts';

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

test('approximate scores are within the error bound of the exact cosine', () => {
  const dims = 100;
  const { matrix, vectors, rows } = setup(dims, 800, 64);
  const scan = new DenseScan(matrix.shared(), 0);
  const out = scan.scan(rows, 64, -Infinity, 0, matrix.blockCount);
  assert.equal(out.length, 800 * 64);
  // Read the kernel's own approximate scores of the last refill from the output region.
  const region = scanRegion(matrix.layout, 0);
  const view = new DataView(matrix.memory.buffer as unknown as SharedArrayBuffer);
  let worst = 0, checked = 0;
  for (let i = 0; i < 16 * 64; i++) {
    const at = region.output + i * OUTPUT_RECORD_BYTES;
    const post = view.getInt32(at, true), slot = view.getInt32(at + 4, true), approx = view.getFloat32(at + 8, true);
    let exact = 0;
    for (let d = 0; d < dims; d++) exact += vectors[matrix.idOfSlot(slot)][d] * rows[post * dims + d];
    worst = Math.max(worst, Math.abs(approx - exact));
    checked++;
  }
  assert.equal(checked, 1024);
  assert.ok(worst > 0, 'int8 scores are approximate');
  assert.ok(worst < 0.03, `worst error ${worst}`);
});

test('the fused threshold emits only a few candidates beyond the true matches', () => {
  const dims = 64;
  const { matrix, rows } = setup(dims, 4000, 64);
  const scan = new DenseScan(matrix.shared(), 0);
  type Kernel = { scan: (...a: number[]) => number; emitted: WebAssembly.Global };
  const holder = scan as unknown as { kernel: Kernel };
  const kernel = holder.kernel;
  let candidates = 0;
  // The exports object is frozen: wrap it to count what the kernel emits.
  holder.kernel = { scan: (...args: number[]) => { const next = kernel.scan(...args); candidates += kernel.emitted.value as number; return next; }, emitted: kernel.emitted };
  const matches = scan.scan(rows, 64, 0.6, 0, matrix.blockCount);
  assert.ok(matches.length > 100, `${matches.length} matches`);
  assert.ok(candidates >= matches.length);
  assert.ok(candidates < 1.5 * matches.length + 100, `${candidates} candidates for ${matches.length} matches`);
  assert.ok(candidates < 4000 * 64 / 4);
});
