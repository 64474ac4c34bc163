import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chanceThreshold, upperTail } from './chance-threshold.ts';

test('upperTail is the standard normal tail', () => {
  // Reference values of P(Z ≥ z).
  for (const [z, p] of [[0, 0.5], [1, 0.158655254], [2, 0.022750132], [3, 0.001349898], [4, 3.16712418e-5], [5, 2.86651572e-7], [-1, 0.841344746]]) {
    assert.ok(Math.abs(upperTail(z) - p) <= 2e-7 * p + 1e-12, `z=${z}: ${upperTail(z)} vs ${p}`);
  }
});

test('the threshold holds chance matches to the budget and never drops under the null threshold', () => {
  assert.equal(chanceThreshold(0, 3), 3);
  assert.equal(chanceThreshold(500, 3), 3, 'a personal instance keeps 3 SDs (0.67 a day by chance)');
  const scour = chanceThreshold(29_000, 3);
  assert.ok(Math.abs(29_000 * upperTail(scour) - 1) < 1e-6, `29k posts a day: ${scour}`);
  assert.ok(scour > 3.97 && scour < 3.99);
  assert.ok(chanceThreshold(29_000, 3, 0.5) > scour, 'a smaller budget, a higher threshold');
  assert.ok(chanceThreshold(100_000, 3) > scour, 'a larger pool, a higher threshold');
  assert.equal(chanceThreshold(29_000, 4.5), 4.5, 'an already higher null threshold stays');
  assert.throws(() => chanceThreshold(29_000, 3, 0), /budget must be positive/);
});
