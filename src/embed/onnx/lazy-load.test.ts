// Importing the embedder must not load onnxruntime-node (a native library of tens of MB):
// Sluice imports embedders it may never use. Its own process, so no other test has loaded it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const loadedRuntime = () => Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('onnxruntime'));

test('onnx embedder: importing it does not load onnxruntime-node; loading a model does', async (t) => {
  const { OnnxEmbedder } = await import('./onnx-embedder.ts');
  assert.equal(typeof OnnxEmbedder.load, 'function');
  assert.deepEqual(loadedRuntime(), []);
  // A directory that fails before the model is read does not load it either.
  await assert.rejects(OnnxEmbedder.load('/nonexistent/sluice-model'), /does not exist/);
  assert.deepEqual(loadedRuntime(), []);

  const { writeTestModel } = await import('./test-model.ts');
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'sluice-onnx-lazy-'));
  try {
    const model = await writeTestModel(join(dir, 'm'));
    let embedder;
    try {
      embedder = await OnnxEmbedder.load(model.dir);
    } catch (error) {
      return t.skip(`onnxruntime-node cannot run on this machine: ${String(error).split('\n')[0]}`);
    }
    await embedder.close();
    assert.ok(loadedRuntime().length > 0, 'loaded once a model is');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
