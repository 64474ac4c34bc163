import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDenseScorer } from './dense-scorer.ts';
import { FloatDenseScorer } from './float-scorer.ts';
import { ParallelDenseScorer } from './parallel-scorer.ts';
import { WasmDenseScorer } from './wasm-scorer.ts';
import { KernelUnavailableError, denseKernelAvailable } from './dense-scan.ts';

test('the kernel compiles on this runtime', () => {
  assert.equal(denseKernelAvailable(), true);
});

test('one thread scans in the caller, more use workers', async () => {
  const one = createDenseScorer(8, { threads: 1 });
  assert.ok(one instanceof WasmDenseScorer);
  const two = createDenseScorer(8, { threads: 2 });
  assert.ok(two instanceof ParallelDenseScorer);
  await Promise.all([one.close(), two.close()]);
});

test('without the kernel it falls back to float32 and says so', async () => {
  const reasons: string[] = [];
  const scorer = createDenseScorer(8, { kernelAvailable: () => false, onFallback: (r) => reasons.push(r) });
  assert.ok(scorer instanceof FloatDenseScorer);
  assert.match(reasons[0], /unavailable/);
  scorer.add(1, [1, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal((await scorer.scoreBatch([[1, 0, 0, 0, 0, 0, 0, 0]], 0.5)).length, 1);
});

test('the unavailable-kernel error carries its cause', () => {
  const error = new KernelUnavailableError({ cause: new Error('relaxed SIMD disabled') });
  assert.match(error.message, /relaxed SIMD disabled/);
  assert.ok(error.cause instanceof Error);
});
