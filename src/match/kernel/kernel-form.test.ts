// The kernel's two forms (kernel-form.ts): the split one is generated from the fused one, and
// both find the same candidates and the same pairs, at the codes' extremes too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DenseScan, denseKernelModule } from './dense-scan.ts';
import { fasterKernelForm, kernelTiming } from './kernel-choice.ts';
import { KERNEL_FORMS, splitDotForm } from './kernel-form.ts';
import { InterestMatrix, unitVector } from './interest-matrix.ts';
import { clusteredVectors, randomCentroids } from './synthetic-vectors.ts';
import { seededRandom } from '../../seeded-random.ts';

test('the split form spells every fused dot-add of the kernel in three steps', () => {
  const fused = readFileSync(new URL('./dense.wat', import.meta.url), 'utf8');
  const split = splitDotForm(fused);
  const count = (s: string, op: string) => s.split(op).length - 1;
  assert.ok(count(fused, '(i32x4.relaxed_dot_i8x16_i7x16_add_s ') >= 8);
  assert.equal(count(split, '(i32x4.relaxed_dot_i8x16_i7x16_add_s '), 0);
  assert.equal(count(split, '(i16x8.relaxed_dot_i8x16_i7x16_s '), count(fused, '(i32x4.relaxed_dot_i8x16_i7x16_add_s '));
  assert.throws(() => splitDotForm('(module)'), /no i32x4\.relaxed_dot_i8x16_i7x16_add_s/);
});

test('both forms pass the same candidates and find the same pairs, at the codes\' extremes too', () => {
  const dims = 100, random = seededRandom(11);
  const topics = randomCentroids(random, 6, dims);
  const interests = clusteredVectors(random, 700, topics, 0.7).map(unitVector);
  const posts = clusteredVectors(random, 40, topics, 0.9).map(unitVector);
  // Every component at ±the peak: every code at ±127 (interests) and ±63 (posts), so each i16
  // lane of the split form's first step reaches 2·127·127 where the signs agree.
  const extreme = (signs: number[]) => unitVector(Array.from({ length: dims }, (_, i) => signs[i % signs.length]));
  interests.push(extreme([1]), extreme([-1]), extreme([1, -1]), extreme([1, 1, -1]));
  posts.push(extreme([1]), extreme([-1]), extreme([1, -1]), extreme([1, 1, -1]));
  const matrix = new InterestMatrix(dims, { initialCapacity: 16, regions: 1 });
  interests.forEach((v, id) => matrix.add(id, v));
  const rows = new Float32Array(posts.length * dims);
  posts.forEach((v, p) => rows.set(v, p * dims));
  const [fused, split] = KERNEL_FORMS.map((form) => new DenseScan(matrix.shared(), 0, denseKernelModule(form)));
  for (const threshold of [-1, 0.2, 0.5, 0.9, 0.999]) {
    const a = fused.scan(rows, posts.length, threshold, 0, matrix.blockCount), aCandidates = fused.takeRescoredCount();
    const b = split.scan(rows, posts.length, threshold, 0, matrix.blockCount), bCandidates = split.takeRescoredCount();
    assert.equal(bCandidates, aCandidates, `candidates at ${threshold}`);
    assert.deepEqual([b.post.subarray(0, b.length), b.slot.subarray(0, b.length), b.score.subarray(0, b.length)],
      [a.post.subarray(0, a.length), a.slot.subarray(0, a.length), a.score.subarray(0, a.length)], `pairs at ${threshold}`);
    if (threshold === 0.999) assert.ok(a.length >= 4, 'each extreme post finds its own interest'); // the sums at their largest
  }
});

test('the faster form is timed once and can be set by SLUICE_KERNEL_FORM', (t) => {
  const timing = kernelTiming();
  assert.ok(KERNEL_FORMS.includes(timing.form));
  assert.ok(timing.fused > 0 && timing.split > 0);
  assert.equal(kernelTiming(), timing, 'kept for the process');
  t.after(() => { delete process.env.SLUICE_KERNEL_FORM; });
  process.env.SLUICE_KERNEL_FORM = 'split';
  assert.equal(fasterKernelForm(), 'split');
  process.env.SLUICE_KERNEL_FORM = 'int4';
  assert.throws(() => fasterKernelForm(), /SLUICE_KERNEL_FORM: expected fused or split, got "int4"/);
});
