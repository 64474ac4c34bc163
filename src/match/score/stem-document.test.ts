import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import { CorpusStatistics } from './corpus-statistics.ts';
import { lexicalDocument } from './document.ts';
import { dotOfTerms, sparseDot, tfidfOfTerms } from './tfidf.ts';
import { StemDocument, StemLexicon } from './stem-document.ts';

const POSTS: [string, string][] = [
  ['Mobile phones', 'The mobile phone market: mobile phones sell, and 2024 was big.'],
  ['GPUs and LLMs', 'Open-source LLMs on cheap GPUs: inference costs fell 3.5% in state-of-the-art labs.'],
  ['Grand Prix', 'Formule 1 : le pilote de l’écurie a gagné le Grand Prix de Monaco. 日本語のテキスト.'],
  ['', ''],
  ['Only a title', ''],
];

test('a post kept as stem ids builds back the document lexicalDocument gives, to the last count', () => {
  const lexicon = new StemLexicon();
  for (const [title, text] of POSTS) {
    const expected = lexicalDocument(title, text);
    const { stems, view } = StemDocument.analyse(title, text, lexicon);
    assert.deepEqual(stems.document(), expected, title);
    for (const doc of [view, stems.view()]) {
      assert.deepEqual(doc.counts, expected.counts, title);
      assert.deepEqual(doc.title, expected.title, title);
      assert.equal(doc.length, expected.length, title);
    }
  }
  assert.ok(lexicon.size > 20 && lexicon.size < 60, `${lexicon.size} stems`);
});

test('holdsAny answers from the ids what the built document answers, phrases within title or body only', () => {
  const lexicon = new StemLexicon();
  const posts: [string, string][] = [...POSTS, ['Grand', 'Prix winners race again'], ['Phone', 'market news']];
  const docs = posts.map(([title, text]) => ({ full: lexicalDocument(title, text), view: StemDocument.analyse(title, text, lexicon).stems.view() }));
  const queries = [
    new Map([['mobil phone', 1]]), new Map([['grand prix', 1], ['formul', 0.5]]), new Map([['infer', 1], ['cost', 1]]),
    new Map([['zebra', 1]]), new Map([['phone market', 1]]), new Map([['state art', 1]]), new Map([['titl', 1]]),
    new Map([['prix winner race', 1]]), new Map([['prix winner race again', 1]]),
  ];
  let holding = 0;
  for (const query of queries) {
    for (const { full, view } of docs) {
      const holds = [...query.keys()].some((t) => full.counts.has(t));
      assert.equal(view.holdsAny!(query), holds, `${[...query.keys()]} in ${[...full.counts.keys()].slice(0, 6)}`);
      if (holds) holding++;
    }
  }
  assert.ok(holding >= 6 && holding <= 20, `${holding} held`);
  // A stem the lexicon learns after a query was first asked about counts too.
  const later = StemDocument.analyse('Zebras', 'A zebra crossing.', lexicon).stems.view();
  assert.ok(later.holdsAny!(queries[3]));
});

test('tfidfOfTerms from the ids gives the weights tfidf.ts gives the built document, to the bit', () => {
  const random = seededRandom(5);
  const words = ['market', 'phone', 'mobile', 'grand', 'prix', 'race', 'the', 'of', 'pension', 'budget', 'state', 'art', 'cheap', 'GPUs'];
  const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ');
  const posts: [string, string][] = [...POSTS, ...Array.from({ length: 40 }, (_, i): [string, string] => [text(i % 5), text(20 + i * 3)])];
  const lexicon = new StemLexicon(), stats = new CorpusStatistics(() => 0.01);
  const docs = posts.map(([title, body]) => ({ full: lexicalDocument(title, body), view: StemDocument.analyse(title, body, lexicon).stems.view() }));
  for (const { full } of docs) stats.add(full);
  const queries = [
    new Map([['mobil phone', 0.5], ['phone', 0.3], ['grand prix', 0.6], ['absent', 0.1], ['race', 0.2]]),
    new Map([['market phone mobil', 1], ['pension budget', 1], ['state art', 1], ['grand prix race cheap', 1], ['gpu', 1]]),
    new Map([['titl', 1], ['mobil', 1], ['budget', 0.2]]),
  ];
  let phrases = 0, weights = 0;
  for (const query of queries) {
    for (const { full, view } of docs) {
      const expected = tfidfOfTerms(full, query, stats), got = tfidfOfTerms(view, query, stats);
      weights += expected.size;
      for (const term of expected.keys()) if (term.includes(' ')) phrases++;
      assert.deepEqual(got, expected);
      for (const [term, w] of expected) assert.ok(Object.is(got.get(term), w), term);
      // ℓ without the Map: Σ q·x summed in the query's order, as sparseDot sums it.
      assert.ok(Object.is(dotOfTerms(view, query, stats), sparseDot(query, expected)), `${[...query.keys()]}`);
      assert.ok(Object.is(dotOfTerms(full, query, stats), sparseDot(query, expected)));
    }
  }
  assert.ok(weights > 150 && phrases > 40, `${weights} weights, ${phrases} of phrases`);
  // New stems (the lexicon grows, the statistics stay): what was read and kept still holds.
  const grown = StemDocument.analyse('Quasars', 'Zebras and quasars, unseen before, with a phone.', lexicon).stems.view();
  for (const { full, view } of [...docs, { full: lexicalDocument('Quasars', 'Zebras and quasars, unseen before, with a phone.'), view: grown }]) {
    for (const query of queries) {
      assert.deepEqual(tfidfOfTerms(view, query, stats), tfidfOfTerms(full, query, stats));
      assert.ok(Object.is(dotOfTerms(view, query, stats), dotOfTerms(full, query, stats)));
    }
  }
  // Another state of the statistics: the IDFs are read again.
  stats.add(lexicalDocument('', 'phone phone market'));
  for (const { full, view } of docs) assert.deepEqual(tfidfOfTerms(view, queries[0], stats), tfidfOfTerms(full, queries[0], stats));
});
