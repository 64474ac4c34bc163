import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gloveTable } from '../../embed/glove/table.ts';
import { tableBackground } from './background-frequency.ts';
import { BACKGROUND_DOCUMENTS, CorpusStatistics } from './corpus-statistics.ts';
import { lexicalDocument } from './document.ts';

test('idf: rare terms weigh more than common ones, from the first post on (background prior)', () => {
  const stats = new CorpusStatistics(tableBackground(gloveTable()));
  stats.add(lexicalDocument('Hello', 'the new sourdough bread said people'));
  assert.ok(stats.idf('sourdough') > stats.idf('bread'));
  assert.ok(stats.idf('bread') > stats.idf('said'));
  assert.ok(stats.idf('peopl') < 3);
  // A phrase is rarer than its words.
  assert.ok(stats.idf('sourdough bread') > stats.idf('bread'));
});

test('idf: the stream takes over from the background as it grows', () => {
  const stats = new CorpusStatistics(() => 0.001);
  const before = stats.idf('rust');
  for (let i = 0; i < BACKGROUND_DOCUMENTS * 20; i++) stats.add(lexicalDocument('', i % 2 ? 'rust crate' : 'other words'));
  assert.ok(stats.idf('rust') < before / 2, `${stats.idf('rust')} vs ${before}`);
  assert.ok(Math.abs(stats.documentShare('rust') - 0.5) < 0.05);
  assert.equal(stats.documents, BACKGROUND_DOCUMENTS * 20);
});

test('unknown terms count as rare, not as absent', () => {
  const stats = new CorpusStatistics();
  assert.ok(stats.idf('zzyzx') > 5);
});

test('saved and restored, the statistics give the same IDF; phrases seen once are dropped', () => {
  const stats = new CorpusStatistics(() => 0.001);
  stats.add(lexicalDocument('Rocket launch', 'The rocket launch was delayed by wind.'));
  stats.add(lexicalDocument('Another rocket', 'A rocket lifted off today.'));
  const restored = CorpusStatistics.fromJSON(JSON.parse(JSON.stringify(stats)), () => 0.001);
  assert.equal(restored.documents, 2);
  assert.equal(restored.averageLength(), stats.averageLength());
  for (const term of ['rocket', 'launch', 'wind', 'unseen']) assert.equal(restored.idf(term), stats.idf(term));
  assert.equal(stats.documentFrequency('rocket launch'), 1);
  assert.equal(restored.documentFrequency('rocket launch'), 0);
  assert.throws(() => CorpusStatistics.fromJSON({ version: 2 } as never), /not a saved corpus/);
});

test('add writes each term\'s index; idfAt gives idf() by index, to the bit; termIndex finds it again', () => {
  const stats = new CorpusStatistics((t) => (t === 'rust' ? 0.01 : undefined));
  stats.add(lexicalDocument('', 'rust crate'));
  const doc = lexicalDocument('', 'rust borrow');
  const into = new Int32Array(8);
  assert.equal(stats.add(doc, into, 2), 2 + doc.counts.size);
  assert.deepEqual([...into.subarray(2, 2 + doc.counts.size)], [...doc.counts.keys()].map((t) => stats.termIndex(t)));
  assert.equal(stats.termIndex('unseen'), -1);
  assert.equal(stats.terms, 5); // rust, crate, rust crate, borrow, rust borrow
  for (const term of ['rust', 'crate', 'borrow', 'rust borrow']) {
    assert.equal(stats.idfAt(stats.termIndex(term)), stats.idf(term), term);
    assert.equal(stats.idfOf(stats.documentFrequency(term), stats.backgroundPrior(term)), stats.idf(term), term);
  }
  assert.equal(stats.documentFrequency('rust'), 2);
  // Past the arrays' first size, every frequency and prior kept.
  for (let i = 0; i < 3000; i++) stats.add({ counts: new Map([[`w${i}`, 1], ['rust', 1]]), title: new Set(), length: 2 });
  assert.equal(stats.documentFrequency('rust'), 3002);
  for (const term of ['rust', 'crate', 'w0', 'w2999']) assert.equal(stats.idfAt(stats.termIndex(term)), stats.idf(term), term);
  assert.deepEqual(CorpusStatistics.fromJSON(JSON.parse(JSON.stringify(stats))).toJSON(), stats.toJSON());
});

test('past its bound the statistics forget the rarest terms, never the kept ones; the rest keep their counts and IDF', () => {
  const stats = new CorpusStatistics(() => 0.001);
  const doc = (words: string[]) => ({ counts: new Map(words.map((w) => [w, 1])), title: new Set<string>(), length: words.length });
  // 'common' in every document, 'pair' in every second, 'pinned' once; 'once0', 'once1', … once each.
  for (let i = 0; i < 40; i++) stats.add(doc(['common', `once${i}`, ...(i % 2 ? ['pair'] : []), ...(i === 7 ? ['pinned'] : [])]));
  assert.equal(stats.terms, 43);
  assert.equal(stats.pruneIfFull(undefined, 43, 10), undefined, 'not past the bound: nothing done');
  const before = { common: stats.idf('common'), pair: stats.idf('pair'), pinned: stats.idf('pinned'), length: stats.averageLength() };
  const pinned = stats.termIndex('pinned'), old = Array.from({ length: stats.terms }, (_, i) => stats.termAt(i));
  const remap = stats.pruneIfFull((i) => i === pinned, 20, 10);
  assert.ok(remap, 'past the bound');
  assert.equal(stats.terms, 3, 'the terms seen once are forgotten, but the kept one');
  for (let i = 0; i < old.length; i++) {
    if (remap[i] >= 0) assert.equal(stats.termAt(remap[i]), old[i], 'each kept term at its new index');
    else assert.equal(stats.termIndex(old[i]), -1);
  }
  assert.deepEqual([stats.idf('common'), stats.idf('pair'), stats.idf('pinned'), stats.averageLength()], Object.values(before));
  assert.equal(stats.documentFrequency('once3'), 0);
  assert.equal(stats.idf('once3'), stats.idfOf(0, stats.backgroundPrior('once3')), 'a forgotten term is weighed as one not seen yet');
  assert.equal(stats.documents, 40);
  // It goes on counting (its arrays grow again from the kept terms).
  for (let i = 0; i < 5000; i++) stats.add(doc(['common', `later${i}`]));
  assert.equal(stats.documentFrequency('common'), 5040);
  assert.equal(stats.documentFrequency('later4999'), 1);
  // The least k ≥ 2 that reaches the target: here every term seen once goes, and 'pair' (20) stays.
  stats.pruneIfFull(undefined, 100, 50);
  assert.deepEqual(Array.from({ length: stats.terms }, (_, i) => stats.termAt(i)).sort(), ['common', 'pair']);
});

test('a prune that must keep more than its target does not come back with every few new terms', () => {
  const stats = new CorpusStatistics();
  const doc = (words: string[]) => ({ counts: new Map(words.map((w) => [w, 1])), title: new Set<string>(), length: words.length });
  for (let i = 0; i < 30; i++) stats.add(doc([`kept${i}`, `once${i}`]));
  const keptWords = (i: number) => stats.termAt(i).startsWith('kept');
  assert.ok(stats.pruneIfFull(keptWords, 20, 10));
  assert.equal(stats.terms, 30, 'all 30 kept: more than the target of 10');
  for (let i = 0; i < 29; i++) stats.add(doc([`more${i}`]));
  assert.equal(stats.pruneIfFull(keptWords, 20, 10), undefined, '59 terms: under twice what the last prune left');
  stats.add(doc(['more29']));
  stats.add(doc(['more30']));
  assert.ok(stats.pruneIfFull(keptWords, 20, 10), '61 terms: past twice 30');
  assert.equal(stats.terms, 30);
});
