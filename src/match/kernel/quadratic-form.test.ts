import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import { FORM_BLOCK, QuadraticForm } from './quadratic-form.ts';

/** wᵀSw and w·μ by the plain float64 loops. */
function plain(s: Float64Array, mu: Float64Array, w: Float32Array): [number, number] {
  const d = w.length;
  let m2 = 0, dot = 0;
  for (let i = 0; i < d; i++) { dot += w[i] * mu[i]; for (let j = 0; j < d; j++) m2 += w[i] * s[i * d + j] * w[j]; }
  return [m2, dot];
}

function symmetric(random: () => number, d: number): Float64Array {
  const a = Float64Array.from({ length: d * d }, () => random() - 0.5);
  const s = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s[i * d + j] = a[i * d + j] + a[j * d + i];
  return s;
}

test('wᵀSw (float32 lanes: relative 1e-5) and w·μ (float64) equal the plain loops, any dimension', () => {
  const random = seededRandom(4);
  const out = new Float64Array(2);
  for (const d of [1, 3, 7, 24, 100, 101]) {
    const q = QuadraticForm.create(d);
    assert.ok(q, 'WebAssembly SIMD available (Node ≥ 22)');
    const s = symmetric(random, d), mu = Float64Array.from({ length: d }, () => random());
    q.load(s, mu);
    for (let k = 0; k < 3; k++) {
      const w = Float32Array.from({ length: d }, () => random() - 0.5);
      const [m2, dot] = plain(s, mu, w);
      q.moment(w, out);
      // Scale of the sum's terms: Σ |w_i S_ij w_j| bounds what float32 rounding can reach.
      let scale = 0;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) scale += Math.abs(w[i] * s[i * d + j] * w[j]);
      assert.ok(Math.abs(out[0] - m2) <= 1e-5 * scale, `d=${d}: ${out[0]} vs ${m2}`);
      assert.ok(Math.abs(out[1] - dot) < 1e-12 * d, `d=${d}: dot ${out[1]} vs ${dot}`);
    }
  }
  assert.throws(() => QuadraticForm.create(3)!.load(new Float64Array(8), new Float64Array(3)), /8 matrix and 3 vector entries for 3 dims/);
});

test('moments() of 1 to FORM_BLOCK vectors gives each what moment() gives it alone, to the bit; the form is reloadable', () => {
  const random = seededRandom(9);
  const one = new Float64Array(2), block = new Float64Array(2 * FORM_BLOCK);
  for (const d of [1, 5, 24, 100, 101]) {
    const q = QuadraticForm.create(d)!;
    for (let load = 0; load < 2; load++) {
      q.load(symmetric(random, d), Float64Array.from({ length: d }, () => random()));
      for (let count = 1; count <= FORM_BLOCK; count++) {
        const ws = Array.from({ length: count }, () => Float32Array.from({ length: d }, () => random() - 0.5));
        q.moments(ws, count, block);
        ws.forEach((w, k) => {
          q.moment(w, one);
          assert.equal(block[k], one[0], `d=${d} count=${count} k=${k}: m2`);
          assert.equal(block[FORM_BLOCK + k], one[1], `d=${d} count=${count} k=${k}: dot`);
        });
      }
    }
  }
  assert.throws(() => QuadraticForm.create(4)!.moments([], 0, block), /0 vectors, 1 to 16 per call/);
});
