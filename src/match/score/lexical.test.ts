import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorpusStatistics } from './corpus-statistics.ts';
import { lexicalDocument } from './document.ts';
import { bm25 } from './lexical.ts';

const stats = new CorpusStatistics(() => 0.01);
const terms = [{ term: 'rust', weight: 1 }, { term: 'borrow checker', weight: 1 }];

test('bm25: saturates with repetition', () => {
  const once = bm25(terms, lexicalDocument('', 'rust is fine'), stats).score;
  const twice = bm25(terms, lexicalDocument('', 'rust is fine rust'), stats).score;
  const tenTimes = bm25(terms, lexicalDocument('', 'rust is fine ' + 'rust '.repeat(9)), stats).score;
  assert.ok(twice > once && tenTimes > twice);
  assert.ok(tenTimes - twice < twice - once + (twice - once), 'the tenth occurrence adds less than the second');
  assert.ok(tenTimes < 2.2 * 1 * stats.idf('rust'), 'bounded by (k1 + 1) · idf');
});

test('bm25: a title occurrence counts more than one in the body; phrases match as runs', () => {
  const title = bm25(terms, lexicalDocument('Rust', 'a language'), stats);
  const body = bm25(terms, lexicalDocument('A language', 'rust'), stats);
  assert.ok(title.score > body.score);
  const phrase = bm25(terms, lexicalDocument('', 'the borrow checker says no'), stats);
  const apart = bm25(terms, lexicalDocument('', 'borrow a library, then the checker'), stats);
  assert.deepEqual(phrase.matched.map((m) => m.term), ['borrow checker']);
  assert.equal(apart.score, 0);
});
