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
