import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTEREST_CODE_MAX, POST_CODE_MAX, quantizeInterest, quantizePost } from './quantize.ts';
import { seededRandom } from '../../seeded-random.ts';

test('codes stay in range and the error is the norm of what rounding lost', () => {
  const random = seededRandom(3);
  const v = Float32Array.from({ length: 50 }, () => random() - 0.5);
  for (const [q, max] of [[quantizeInterest(v, 52), INTEREST_CODE_MAX], [quantizePost(v, 52), POST_CODE_MAX]] as const) {
    assert.equal(q.codes.length, 52);
    assert.equal(Math.max(...q.codes.map(Math.abs)), max);
    assert.equal(q.codes[50], 0);
    let e2 = 0;
    for (let i = 0; i < 50; i++) e2 += (v[i] - q.codes[i] * q.scale) ** 2;
    assert.ok(Math.abs(Math.sqrt(e2) - q.error) < 1e-9);
    assert.ok(q.error > 0 && q.error <= Math.sqrt(50) * q.scale / 2);
  }
});

test('the Cauchy–Schwarz bound holds for the quantized dot product', () => {
  const random = seededRandom(9);
  for (let trial = 0; trial < 200; trial++) {
    const w = Float32Array.from({ length: 100 }, () => random() - 0.5);
    const p = Float32Array.from({ length: 100 }, () => random() - 0.5);
    const qw = quantizeInterest(w), qp = quantizePost(p);
    let exact = 0, approx = 0, nw = 0, np = 0, nwq = 0;
    for (let i = 0; i < 100; i++) {
      exact += w[i] * p[i];
      approx += qw.codes[i] * qw.scale * qp.codes[i] * qp.scale;
      np += p[i] ** 2; nwq += (qw.codes[i] * qw.scale) ** 2; nw += w[i] ** 2;
    }
    const bound = qw.error * Math.sqrt(np) + Math.sqrt(nwq) * qp.error;
    assert.ok(Math.abs(approx - exact) <= bound + 1e-12, `trial ${trial}`);
  }
});

test('zero vectors quantize to zero; NaN is refused', () => {
  const q = quantizeInterest([0, 0, 0]);
  assert.deepEqual([...q.codes], [0, 0, 0]);
  assert.equal(q.scale, 0);
  assert.throws(() => quantizePost([1, NaN]), RangeError);
});
