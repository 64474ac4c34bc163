import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorpusStatistics } from './corpus-statistics.ts';
import { lexicalDocument } from './document.ts';
import { normalized, queryVector, sparseDot, tfidfInto, tfidfOfTerms, tfidfVector, topTerms } from './tfidf.ts';

const stats = new CorpusStatistics(() => 0.01);

test('tfidfVector: unit length over single stems, sublinear in repetition', () => {
  const v = tfidfVector(lexicalDocument('', 'cake cake cake flour oven'), stats);
  let norm = 0;
  for (const [t, w] of v) if (!t.includes(' ')) norm += w * w;
  assert.ok(Math.abs(norm - 1) < 1e-9);
  assert.ok(v.get('cake')! < 3 * v.get('flour')!, 'three occurrences weigh less than three times one');
  assert.ok(v.has('cake flour'), 'phrases are kept for phrase keywords');
});

test('sparseDot and queryVector: the query scores posts holding its terms', () => {
  const q = queryVector([{ term: 'cake', weight: 1 }, { term: 'oven', weight: 0.5 }], stats);
  const cake = tfidfVector(lexicalDocument('Cake', 'a cake in the oven'), stats);
  const car = tfidfVector(lexicalDocument('Cars', 'a fast car'), stats);
  assert.ok(sparseDot(q, cake) > 0.3);
  assert.equal(sparseDot(q, car), 0);
  assert.ok(q.get('cake')! > q.get('oven')!);
});

test('normalized and topTerms', () => {
  assert.deepEqual([...normalized(new Map([['a', 3], ['b', 4]]))], [['a', 0.6], ['b', 0.8]]);
  assert.deepEqual([...normalized(new Map())], []);
  assert.deepEqual([...topTerms(new Map([['a', 1], ['b', 3], ['c', -1], ['d', 2]]), 2).keys()], ['b', 'd']);
});

test('tfidfInto writes tfidfVector\'s weights to the bit, for the terms it is given ids of', () => {
  const stats = new CorpusStatistics();
  const docs = ['Rocket launch delayed by rocket engine fault', 'Engine makers report strong sales', 'Launch of a new phone'].map((t, i) => lexicalDocument(i ? '' : 'Rocket launch', t));
  const indices = new Int32Array(64);
  docs.forEach((d, i) => stats.add(d, i === 0 ? indices : undefined, 3));
  const doc = docs[0];
  const expected = tfidfVector(doc, stats);
  const known = [...doc.counts.keys()].filter((_, i) => i % 2 === 0); // half the terms, phrases among them
  const idOf = (index: number, term: string) => { assert.equal(stats.termIndex(term), index); const i = known.indexOf(term); return i < 0 ? -1 : 100 + i; };
  const ids = new Int32Array(64), weights = new Float64Array(64);
  const end = tfidfInto(doc, stats, indices, 3, idOf, ids, weights, 5);
  assert.equal(end - 5, known.length);
  for (let k = 5; k < end; k++) assert.equal(weights[k], expected.get(known[ids[k] - 100]), known[ids[k] - 100]);
});

test('tfidfOfTerms gives tfidfVector\'s weights of the terms asked for, to the bit, and no others', () => {
  const stats = new CorpusStatistics();
  const docs = [
    lexicalDocument('Mobile phones', 'The mobile phone market: mobile phones sell, and phone makers grow.'),
    lexicalDocument('Grand Prix', 'Hamilton won the Monaco Grand Prix; the grand stand cheered the prix.'),
    lexicalDocument('', 'Nothing here about phones.'),
  ];
  for (const d of docs) stats.add(d);
  const query = new Map([['mobil phone', 0.5], ['phone', 0.3], ['grand prix', 0.6], ['absent', 0.1], ['cheer', 0.2]]);
  for (const doc of docs) {
    const full = tfidfVector(doc, stats), some = tfidfOfTerms(doc, query, stats);
    const expected = new Map([...full].filter(([t]) => query.has(t)));
    assert.deepEqual(some, expected);
    assert.equal(sparseDot(query, some), sparseDot(query, full));
  }
});
