import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkVectors, EmbedderError, type Embedder } from './embedder.ts';

const fake: Embedder = { id: 'fake@1', dims: 2, embed: async (texts) => texts.map(() => new Float32Array(2)) };

test('checkVectors accepts one finite vector of the right length per text', () => {
  assert.equal(checkVectors(fake, ['a', 'b'], [Float32Array.of(1, 0), Float32Array.of(0, 1)]).length, 2);
});

test('checkVectors names the embedder and the problem', () => {
  assert.throws(() => checkVectors(fake, ['a', 'b'], [Float32Array.of(1, 0)]), (e: unknown) => {
    assert.ok(e instanceof EmbedderError);
    assert.equal(e.embedderId, 'fake@1');
    assert.match(e.message, /fake@1: returned 1 vectors for 2 texts/);
    return true;
  });
  assert.throws(() => checkVectors(fake, ['a'], [Float32Array.of(1, 0, 0)]), /3 dimensions, expected 2/);
  assert.throws(() => checkVectors(fake, ['a'], [Float32Array.of(NaN, 0)]), /contains NaN/);
});
