import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import { EMPTY_RUNNING_MEDIAN, MEDIAN_WINDOW, observeMedian, observeMedianAt, type RunningMedian } from './running-median.ts';

/** Standard normal draws (Box–Muller), deterministic. */
function normals(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function run(values: Iterable<number>, state: RunningMedian = EMPTY_RUNNING_MEDIAN): RunningMedian {
  for (const x of values) state = observeMedian(state, x);
  return state;
}

function* take(n: number, draw: () => number): Iterable<number> {
  for (let i = 0; i < n; i++) yield draw();
}

test('running median: settles on the median of a normal stream, in its own units', () => {
  const z = normals(1);
  const state = run(take(2000, () => 10 + 3 * z()));
  assert.equal(state.n, 2000);
  assert.ok(Math.abs(state.median - 10) < 0.3, `median ${state.median}`);
  // The spread is the mean absolute deviation: √(2/π)·σ ≈ 2.39.
  assert.ok(Math.abs(state.spread - 2.39) < 0.3, `spread ${state.spread}`);
});

test('running median: the median of a skewed stream, not its mean (scores of matches run far right)', () => {
  // Exponential with mean 5: median 5·ln 2 ≈ 3.47.
  const random = seededRandom(2);
  const state = run(take(3000, () => -5 * Math.log(1 - random())));
  assert.ok(Math.abs(state.median - 5 * Math.LN2) < 0.4, `median ${state.median}`);
});

test('running median: close after a few dozen values (an interest with its first matches)', () => {
  const z = normals(3);
  const errors: number[] = [];
  for (let trial = 0; trial < 200; trial++) errors.push(Math.abs(run(take(30, () => 8 + 2 * z())).median - 8));
  errors.sort((a, b) => a - b);
  // The exact median of 30 normal values has a standard error of ~0.46 here; the estimate
  // stays within about twice that for nine trials in ten.
  assert.ok(errors[Math.floor(0.9 * errors.length)] < 1, `90th percentile of the error ${errors[Math.floor(0.9 * errors.length)]}`);
});

test('running median: follows a stream whose values moved (forgets at the window)', () => {
  const z = normals(4);
  const before = run(take(3000, () => 5 + z()));
  const after = run(take(3 * MEDIAN_WINDOW, () => 9 + z()), before);
  assert.ok(Math.abs(before.median - 5) < 0.2, `before ${before.median}`);
  assert.ok(Math.abs(after.median - 9) < 0.5, `after ${after.median}`);
});

test('running median: the same on a scaled stream, scaled (no unit chosen in advance)', () => {
  const z = normals(5);
  const values = [...take(500, () => 2 + z())];
  const small = run(values);
  const large = run(values.map((x) => 100 * x));
  assert.ok(Math.abs(large.median - 100 * small.median) < 1e-9 * Math.abs(large.median) + 1e-9);
});

test('running median: the first value is the median; one value never moves it past itself; non-finite values are ignored', () => {
  assert.deepEqual(run([7]), { n: 1, median: 7, spread: 0 });
  const state = run([7, 7, 7, 7, 6.9]);
  assert.ok(state.median >= 6.9 && state.median <= 7);
  assert.deepEqual(run([7, NaN, Infinity]), { n: 1, median: 7, spread: 0 });
});

test('running median: the in-place form on a block of numbers is the same arithmetic', () => {
  const z = normals(6);
  const values = [...take(400, () => 4 + 2 * z())];
  const block = new Float64Array(8);
  for (const x of values) observeMedianAt(block, 3, x);
  const state = run(values);
  assert.deepEqual([block[3], block[4], block[5]], [state.n, state.median, state.spread]);
  assert.deepEqual([...block.subarray(0, 3), ...block.subarray(6)], [0, 0, 0, 0, 0], 'only its own three numbers');
});
