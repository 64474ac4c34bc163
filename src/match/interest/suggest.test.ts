import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinEmbedder } from '../../embed/builtin.ts';
import { CorpusStatistics } from '../score/corpus-statistics.ts';
import { lexicalDocument } from '../score/document.ts';
import { compileInterest } from './compile.ts';
import { cooccurrenceSuggestions, neighbourSuggestions } from './suggest.ts';

test('neighbourSuggestions: nearby words, none the interest already has, no stopwords', async () => {
  const embedder = new BuiltinEmbedder();
  const interest = await compileInterest({ name: 'Baking', keywords: ['bread', 'cake', 'oven', 'flour'] }, embedder);
  const suggestions = neighbourSuggestions(interest, embedder, 10);
  assert.equal(suggestions.length, 10);
  const words = suggestions.map((s) => s.text);
  const known = new Set(interest.terms.map((t) => t.term));
  for (const s of suggestions) {
    assert.equal(s.source, 'suggested');
    assert.ok(!known.has(s.term), `${s.text} is already a term`);
  }
  assert.equal(new Set(suggestions.map((s) => s.term)).size, 10, 'one suggestion per stem');
  // What GloVe puts near baking: at least a few of these kitchen words.
  const kitchen = ['baked', 'dough', 'pastry', 'butter', 'sugar', 'cookies', 'pastries', 'pies', 'cakes', 'recipe', 'recipes', 'bake', 'eggs', 'pie', 'biscuits', 'loaf', 'bread'];
  assert.ok(words.filter((w) => kitchen.includes(w)).length >= 3, words.join(', '));
});

test('cooccurrenceSuggestions: terms the matched posts share and the rest of the stream lacks', async () => {
  const embedder = new BuiltinEmbedder();
  const interest = await compileInterest({ name: 'Rust programming', keywords: ['rust'] }, embedder);
  const stats = new CorpusStatistics(() => 0.001);
  const matched = Array.from({ length: 8 }, (_, i) => lexicalDocument('', `rust crate cargo build ${i % 2 ? 'tokio' : 'serde'}`));
  for (const d of [...matched, ...Array.from({ length: 50 }, () => lexicalDocument('', 'python pip build'))]) stats.add(d);
  const terms = cooccurrenceSuggestions(interest, matched, stats).map((s) => s.term);
  assert.ok(terms.includes('crate') && terms.includes('cargo'), terms.join(', '));
  assert.ok(!terms.includes('rust'), 'already a keyword');
  assert.ok(!terms.includes('build'), 'the rest of the stream has it too');
});
