import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinEmbedder } from '../../embed/builtin.ts';
import { CorpusStatistics } from '../score/corpus-statistics.ts';
import { lexicalDocument } from '../score/document.ts';
import { compileInterest } from './compile.ts';
import { cooccurrenceSuggestions, neighbourSuggestions, surfaceForms } from './suggest.ts';
import { isStopword } from '../../text/stopwords.ts';

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

test('cooccurrenceSuggestions: no stopword, nothing above the IDF floor, words as the posts write them', async () => {
  const embedder = new BuiltinEmbedder();
  const interest = await compileInterest({ name: 'Formula One', keywords: ['F1', 'grand prix'] }, embedder);
  const stats = new CorpusStatistics(() => 0.001);
  const matchedTexts = Array.from({ length: 10 }, (_, i) => `The racing drivers of the grand prix and the market, ${i % 2 ? 'Verstappen' : 'Hamilton'} in the pits`);
  const matched = matchedTexts.map((t) => lexicalDocument('', t));
  // "market" is in 40% of the stream: over-represented in the matches, but too common to suggest.
  const rest = Array.from({ length: 300 }, (_, i) => lexicalDocument('', i % 5 < 2 ? 'the market and the shares' : 'the weather and the garden'));
  for (const d of [...matched, ...rest]) stats.add(d);
  const suggestions = cooccurrenceSuggestions(interest, matched, stats, 10, surfaceForms(matchedTexts));
  const texts = suggestions.map((s) => s.text);
  assert.ok(texts.includes('racing drivers') && texts.includes('pits'), texts.join(', '));
  assert.ok(!suggestions.some((s) => s.term.split(' ').includes('market')), 'above the IDF floor, alone or in a phrase');
  assert.ok(!texts.some((t) => t.split(' ').some(isStopword)), 'no stopword');
  assert.ok(!suggestions.some((s) => s.term === 'grand prix' || s.term === 'grand'), 'the interest’s own words');
});

test('surfaceForms: the most frequent spelling of each stem and phrase', () => {
  const forms = surfaceForms(['Racing drivers race', 'racing drivers', 'the drivers']);
  assert.equal(forms.get('race driver'), 'racing drivers');
  assert.equal(forms.get('driver'), 'drivers');
});
