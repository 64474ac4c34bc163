import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import { addValue, constant, EMPTY_MOMENTS, merge, remove, variance, type RunningMoments } from './running-moments.ts';

const twoPass = (xs: number[]): { n: number; mean: number; variance: number } => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { n: xs.length, mean, variance: xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length };
};
const of = (xs: number[]): RunningMoments => xs.reduce(addValue, EMPTY_MOMENTS);
const close = (m: RunningMoments, xs: number[]): void => {
  const want = twoPass(xs);
  assert.equal(m.n, want.n);
  assert.ok(Math.abs(m.mean - want.mean) < 1e-12, `mean ${m.mean} vs ${want.mean}`);
  assert.ok(Math.abs(variance(m) - want.variance) < 1e-12, `variance ${variance(m)} vs ${want.variance}`);
};

const random = seededRandom(3);
const a = Array.from({ length: 40 }, () => random() * 2 - 0.3);
const b = Array.from({ length: 25 }, () => random() * 0.5 + 0.4);

test('Welford updates equal the two-pass moments', () => close(of(a), a));

test('merging two samples equals the moments of both, zeros included', () => {
  close(merge(of(a), of(b)), [...a, ...b]);
  close(merge(of(a), constant(30)), [...a, ...new Array(30).fill(0)]);
  assert.deepEqual(merge(EMPTY_MOMENTS, of(b)), of(b));
});

test('removing a part undoes merging it', () => {
  close(remove(merge(of(a), of(b)), of(b)), a);
  assert.deepEqual(remove(of(a), of(a)), EMPTY_MOMENTS);
  assert.deepEqual(remove(of(a), EMPTY_MOMENTS), of(a));
});
