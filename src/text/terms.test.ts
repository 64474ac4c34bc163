import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cachedStem, terms } from './terms.ts';
import { stem } from './stem.ts';

test('terms carry stems and stopword flags, and keep every position', () => {
  const text = 'The state of the art in running GPUs';
  const result = terms(text);
  assert.deepEqual(
    result.map((t) => [t.text, t.stem, t.stopword, t.index]),
    [
      ['the', 'the', true, 0],
      ['state', 'state', false, 1],
      ['of', 'of', true, 2],
      ['the', 'the', true, 3],
      ['art', 'art', false, 4],
      ['in', 'in', true, 5],
      ['running', 'run', false, 6],
      ['gpus', 'gpu', false, 7],
    ],
  );
  assert.equal(text.slice(result[6].start, result[6].end), 'running');
});

test('inflections of a word share a stem', () => {
  const stems = new Set(terms('connect connected connecting connection connections').map((t) => t.stem));
  assert.deepEqual([...stems], ['connect']);
});

test('acronym plurals written in capitals lose their s; other words follow Porter2', () => {
  assert.deepEqual(terms('GPUs LLMs VMs US gas gpus APIs').map((t) => t.stem), ['gpu', 'llm', 'vm', 'us', 'gas', 'gpus', 'api']);
});

test('compounds carry the stems of their parts', () => {
  const [compound, simple] = terms('open-sourced projects');
  assert.equal(compound.stem, 'open-sourc');
  assert.deepEqual(compound.parts, ['open', 'sourc']);
  assert.equal(simple.parts, undefined);
});

test('the memoised stem is the stem', () => {
  for (const w of ['generously', 'knives', 'c++', 'running', 'running']) assert.equal(cachedStem(w), stem(w));
});
