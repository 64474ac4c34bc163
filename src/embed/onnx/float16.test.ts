import { test } from 'node:test';
import assert from 'node:assert/strict';
import { float16ToFloat32 } from './float16.ts';

test('float16: known bit patterns decode to their values', () => {
  const bits = Uint16Array.of(0x0000, 0x8000, 0x3c00, 0xc000, 0x3555, 0x7bff, 0x0001, 0x0400, 0x7c00, 0xfc00, 0x7e00);
  const [zero, negZero, one, minusTwo, third, max, tiny, minNormal, inf, negInf, nan] = float16ToFloat32(bits);
  assert.equal(zero, 0);
  assert.ok(Object.is(negZero, -0));
  assert.equal(one, 1);
  assert.equal(minusTwo, -2);
  assert.equal(third, Math.fround(0.333251953125));
  assert.equal(max, 65504);
  assert.equal(tiny, 2 ** -24);
  assert.equal(minNormal, 2 ** -14);
  assert.equal(inf, Infinity);
  assert.equal(negInf, -Infinity);
  assert.ok(Number.isNaN(nan));
});
