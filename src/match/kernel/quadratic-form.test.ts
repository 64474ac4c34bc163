import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import { QuadraticForm } from './quadratic-form.ts';

test('wᵀSw and w·μ equal the plain loops, odd and even dimensions', () => {
  const random = seededRandom(4);
  for (const d of [1, 7, 24, 101]) {
    const q = QuadraticForm.create(d);
    assert.ok(q, 'WebAssembly SIMD available (Node ≥ 22)');
    const a = Float64Array.from({ length: d * d }, () => random() - 0.5);
    const s = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s[i * d + j] = a[i * d + j] + a[j * d + i];
    const mu = Float64Array.from({ length: d }, () => random());
    q.load(s, mu);
    for (let k = 0; k < 3; k++) {
      const w = Float32Array.from({ length: d }, () => random() - 0.5);
      let want = 0, dot = 0;
      for (let i = 0; i < d; i++) { dot += w[i] * mu[i]; for (let j = 0; j < d; j++) want += w[i] * s[i * d + j] * w[j]; }
      assert.ok(Math.abs(q.quadratic(w) - want) < 1e-12 * (1 + Math.abs(want)) * d, `d=${d}: ${q.quadratic(w)} vs ${want}`);
      assert.ok(Math.abs(q.dotWithVector() - dot) < 1e-12 * d, `d=${d}: dot`);
    }
  }
  assert.throws(() => QuadraticForm.create(3)!.load(new Float64Array(8), new Float64Array(3)), /8 matrix and 3 vector entries for 3 dims/);
});

test('quadraticPair gives two quadratic() calls to the bit, with their dots', () => {
  const random = seededRandom(9);
  for (const d of [1, 7, 24, 100, 101]) {
    const q = QuadraticForm.create(d)!;
    const s = Float64Array.from({ length: d * d }, () => random() - 0.5);
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) s[i * d + j] = s[j * d + i];
    q.load(s, Float64Array.from({ length: d }, () => random()));
    const out = new Float64Array(4);
    for (let k = 0; k < 5; k++) {
      const w = Float32Array.from({ length: d }, () => random() - 0.5), v = Float32Array.from({ length: d }, () => random() - 0.5);
      q.quadraticPair(w, v, out);
      const m2v = q.quadratic(v), dotV = q.dotWithVector();
      const m2w = q.quadratic(w), dotW = q.dotWithVector();
      assert.deepEqual([...out], [m2w, m2v, dotW, dotV], `d=${d}`);
    }
  }
});
