import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinEmbedder } from '../../embed/builtin.ts';
import { cosine } from '../../embed/sif.ts';
import { CorpusStatistics } from '../score/corpus-statistics.ts';
import { lexicalDocument } from '../score/document.ts';
import { compileInterest, interestTerms, interestText, PHRASE_PART_WEIGHT, SOURCE_WEIGHT } from './compile.ts';
import { InterestError } from './interest.ts';

test('interestTerms: stemmed keywords, phrases kept, the name and description at lower weight', () => {
  const { terms } = interestTerms({ name: 'Mobile gaming', description: 'Games on phones', keywords: ['mobile phones', 'Games', 'app stores'] });
  const byTerm = new Map(terms.map((t) => [t.term, t]));
  assert.equal(byTerm.get('mobil phone')?.weight, SOURCE_WEIGHT.keyword);
  assert.equal(byTerm.get('mobil phone')?.text, 'mobile phones');
  assert.equal(byTerm.get('app store')?.source, 'keyword');
  assert.equal(byTerm.get('game')?.source, 'keyword', 'a keyword named again in the name stays a keyword');
  assert.equal(byTerm.get('game')?.weight, SOURCE_WEIGHT.keyword);
  assert.equal(byTerm.get('store')?.weight, SOURCE_WEIGHT.keyword * PHRASE_PART_WEIGHT);
  assert.equal(byTerm.get('mobil')?.source, 'name', 'the name outweighs a phrase part');
  assert.equal(byTerm.get('phone')?.source, 'description');
  assert.ok(SOURCE_WEIGHT.name < SOURCE_WEIGHT.keyword && SOURCE_WEIGHT.description < SOURCE_WEIGHT.name);
});

test('interestTerms: stopwords never become terms; a stopword-only keyword is refused with the reason', () => {
  const { terms, refused } = interestTerms({ name: 'The cloud', keywords: ['the', 'of the cloud', '  '] });
  assert.deepEqual(terms.map((t) => t.term), ['cloud']);
  assert.deepEqual(refused, [{ text: 'the', reason: 'stoplist' }, { text: '', reason: 'empty' }]);
});

test('interestTerms: an IDF floor refuses words in most posts; incidental words must be rarer still', () => {
  const stats = new CorpusStatistics(() => 0.001);
  for (let i = 0; i < 1000; i++) stats.add(lexicalDocument('', i % 2 ? 'news today update' : i % 10 === 0 ? 'news racing' : 'news'));
  const { terms, refused } = interestTerms({ name: 'Racing today', keywords: ['news', 'racing'] }, { stats });
  assert.deepEqual(terms.map((t) => t.term), ['race']);
  assert.deepEqual(refused.map((r) => [r.text, r.reason]), [['news', 'idf-floor'], ['today', 'idf-floor']]);
});

test('compileInterest: one unit vector from name, description and keywords, with the embedder id', async () => {
  const embedder = new BuiltinEmbedder();
  const f1 = await compileInterest({ name: 'Formula One racing', keywords: ['grand prix', 'pit stop'] }, embedder);
  assert.equal(f1.embedderId, embedder.id);
  assert.ok(Math.abs(Math.hypot(...f1.vector) - 1) < 1e-5);
  const [race, bake] = await embedder.embed(['the driver won the race from pole position', 'knead the dough and bake the bread']);
  assert.ok(cosine(f1.vector, race) > cosine(f1.vector, bake));
  assert.equal(interestText({ name: 'A', description: 'B', keywords: ['c', 'd'] }), 'A. B. c. d');
});

test('compileInterest: refuses an interest with no name or nothing to match on', async () => {
  const embedder = new BuiltinEmbedder();
  await assert.rejects(compileInterest({ name: ' ', keywords: ['x'] }, embedder), InterestError);
  await assert.rejects(compileInterest({ name: 'the', keywords: ['of', 'and'] }, embedder), /nothing|no word/);
});

test('interestTerms: a keyword phrase is shown as the user wrote it when all of it counts', () => {
  const text = (keywords: string[]) => new Map(interestTerms({ name: 'x', keywords }).terms.filter((t) => t.source === 'keyword').map((t) => [t.term, t.text]));
  // Chinese and Japanese are matched character by character, but shown as written.
  assert.equal(text(['首相']).get('首 相'), '首相');
  assert.equal(text(['Champions  League']).get('champion leagu'), 'Champions League');
  // A dropped stopword or number would be shown as if it counted: those show the words that do.
  assert.equal(text(['the grand prix']).get('grand prix'), 'grand prix');
  assert.equal(text(['F1 2026 season']).get('f1 season'), 'f1 season');
});
