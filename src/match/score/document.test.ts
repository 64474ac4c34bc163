import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentStems, lexicalDocument } from './document.ts';

test('lexicalDocument: stems, phrases of stems, title terms, content length', () => {
  const doc = lexicalDocument('Mobile phones', 'The mobile phone market: mobile phones sell, and 2024 was big.');
  assert.equal(doc.counts.get('mobil phone'), 3);
  assert.equal(doc.counts.get('mobil'), 3);
  assert.equal(doc.counts.get('phone'), 3);
  assert.ok(doc.title.has('mobil phone'));
  assert.ok(!doc.title.has('market'));
  assert.ok(!doc.counts.has('the'), 'stopwords are not terms');
  assert.ok(!doc.counts.has('2024'), 'numbers are not terms');
  assert.equal(doc.length, contentStems('Mobile phones').length + contentStems('The mobile phone market: mobile phones sell, and 2024 was big.').length);
});

test('phrases skip stopwords: "state of the art" is the run "state art"', () => {
  assert.ok(lexicalDocument('', 'a state of the art design').counts.has('state art'));
});

test('an empty post is an empty document', () => {
  assert.deepEqual(lexicalDocument('', ''), { counts: new Map(), title: new Set(), length: 0 });
});
