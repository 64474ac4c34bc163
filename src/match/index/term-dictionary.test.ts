import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TermDictionary } from './term-dictionary.ts';

test('interns terms to dense ids and back', () => {
  const dict = new TermDictionary();
  assert.equal(dict.intern('rust'), 0);
  assert.equal(dict.intern('wasm'), 1);
  assert.equal(dict.intern('rust'), 0);
  assert.equal(dict.lookup('wasm'), 1);
  assert.equal(dict.lookup('nope'), undefined);
  assert.equal(dict.term(1), 'wasm');
  for (let i = 0; i < 5000; i++) dict.intern(`t${i}`);
  assert.equal(dict.size, 5002);
});

test('IDF falls as a term appears in more documents', () => {
  const dict = new TermDictionary();
  const the = dict.intern('the'), rare = dict.intern('percolator'), unseen = dict.intern('unseen');
  for (let i = 0; i < 100; i++) dict.observe(i === 0 ? [the, rare] : [the]);
  assert.equal(dict.documentFrequency(the), 100);
  assert.ok(dict.idf(the) < 0.1);
  assert.ok(dict.idf(rare) > 3);
  assert.ok(dict.idf(unseen) > dict.idf(rare));
});
