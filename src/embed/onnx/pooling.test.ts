import { test } from 'node:test';
import assert from 'node:assert/strict';
import { poolingModeFromConfig, poolTokens } from './pooling.ts';

// Two sequences of 3 positions × 2 dims; the second has 2 real tokens and one padded row (99s).
const hidden = Float32Array.from([1, 2, 3, 4, 5, 6, 10, -1, 20, -3, 99, 99]);

test('pooling: mean counts only the real tokens', () => {
  const [a, b] = poolTokens(hidden, 3, 2, [3, 2], 'mean');
  assert.deepEqual([...a], [3, 4]);
  assert.deepEqual([...b], [15, -2]);
});

test('pooling: cls is position 0; max ignores padding; an empty sequence is zero', () => {
  assert.deepEqual(poolTokens(hidden, 3, 2, [3, 2], 'cls').map((v) => [...v]), [[1, 2], [10, -1]]);
  assert.deepEqual(poolTokens(hidden, 3, 2, [3, 2], 'max').map((v) => [...v]), [[5, 6], [20, -1]]);
  assert.deepEqual([...poolTokens(hidden, 3, 2, [3, 0], 'mean')[1]], [0, 0]);
});

test('pooling: the mode comes from 1_Pooling/config.json', () => {
  assert.equal(poolingModeFromConfig({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }), 'cls');
  assert.equal(poolingModeFromConfig({ pooling_mode_mean_tokens: true }), 'mean');
  assert.equal(poolingModeFromConfig({ pooling_mode_mean_sqrt_len_tokens: true }), 'mean');
  assert.equal(poolingModeFromConfig({ pooling_mode_max_tokens: true }), 'max');
  assert.match(poolingModeFromConfig({}), /no pooling mode/);
  assert.match(poolingModeFromConfig({ pooling_mode_lasttoken: true }), /lasttoken is not supported/);
  assert.match(poolingModeFromConfig({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: true }), /several pooling modes/);
});
