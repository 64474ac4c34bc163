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

test('tracked changes: the terms whose frequency grew, once taken; idfOf gives idf() from a cached frequency and prior', () => {
  const stats = new CorpusStatistics((t) => (t === 'rust' ? 0.01 : undefined));
  stats.add(lexicalDocument('', 'rust crate'));
  assert.deepEqual([...stats.takeChanges()], [], 'not tracked yet');
  stats.trackChanges();
  stats.add(lexicalDocument('', 'rust borrow'));
  stats.add(lexicalDocument('', 'rust'));
  assert.deepEqual([...stats.takeChanges()].sort(), ['borrow', 'rust', 'rust borrow']);
  assert.deepEqual([...stats.takeChanges()], []);
  for (const term of ['rust', 'crate', 'borrow', 'unseen']) {
    assert.equal(stats.idfOf(stats.documentFrequency(term), stats.backgroundPrior(term)), stats.idf(term), term);
  }
});
