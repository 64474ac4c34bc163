import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_EMBEDDER_ID, BuiltinEmbedder } from './builtin.ts';
import { cosine, dot } from './sif.ts';

const embedder = new BuiltinEmbedder();
const similarity = (a: string, b: string): number => cosine(embedder.embedText(a), embedder.embedText(b));

test('identifies itself and its vector length', () => {
  assert.equal(embedder.id, BUILTIN_EMBEDDER_ID);
  assert.equal(embedder.dims, 100);
  assert.notEqual(new BuiltinEmbedder({ commonComponent: null }).id, embedder.id, 'plain SIF is another vector space');
});

test('word neighbours make sense', () => {
  const football = embedder.wordVector('football')!;
  assert.ok(cosine(football, embedder.wordVector('soccer')!) > cosine(football, embedder.wordVector('inflation')!));
  const gpu = embedder.wordVector('gpu')!;
  assert.ok(cosine(gpu, embedder.wordVector('processor')!) > cosine(gpu, embedder.wordVector('football')!));
  assert.ok(similarity('football', 'soccer') > similarity('football', 'inflation'));
});

test('a sports text is nearer a sports interest than a finance one, and vice versa', () => {
  const sports = 'Football, soccer, the Premier League, matches, goals, transfers and the World Cup';
  const finance = 'Finance: stock markets, interest rates, inflation, banks and company earnings';
  const match = 'The striker scored twice in the second half as United beat City 3-1 at Old Trafford.';
  const rates = 'The central bank raised its key rate by a quarter point as inflation stayed high; shares fell.';
  assert.ok(similarity(match, sports) > similarity(match, finance));
  assert.ok(similarity(rates, finance) > similarity(rates, sports));
});

test('vectors are unit length and free of the common component', () => {
  const v = embedder.embedText('A new version of the kernel scheduler lands in Linux 6.12.');
  assert.ok(Math.abs(dot(v, v) - 1) < 1e-5);
  assert.ok(Math.abs(dot(v, embedder.commonComponent!)) < 1e-5);
});

test('deterministic: same text, same vector, across instances', async () => {
  const text = 'Rust 2024 edition: async closures and more';
  const [a] = await embedder.embed([text]);
  const [b] = await new BuiltinEmbedder().embed([text]);
  assert.deepEqual(a, b);
  assert.deepEqual(a, embedder.embedText(text));
});

test('empty text, numbers only and unknown words give the zero vector, never NaN', async () => {
  const vectors = await embedder.embed(['', '   ', '2024 3.14', 'zorbleflux qwxzv', '🚀🚀']);
  for (const v of vectors) {
    assert.equal(v.length, 100);
    assert.ok(v.every((x) => x === 0), 'zero vector');
  }
  assert.equal(cosine(vectors[0], embedder.embedText('football')), 0);
});

test('possessives, accents and hyphenated compounds find their words', () => {
  assert.ok(similarity("the company's results", 'the company results') > 0.999);
  assert.ok(similarity('café', 'cafe') > 0.999);
  // "self-driving" is in GloVe itself; "zorbleflux-football" has one known part.
  assert.ok(similarity('zorbleflux-football', 'football') > 0.999);
});

test('consults the OOV source for words the table lacks', () => {
  const gpu = embedder.wordVector('gpu')!;
  const withOov = new BuiltinEmbedder({ oov: { induced: (w) => (w === 'zorbleflux' ? { vector: gpu, count: 5 } : undefined) } });
  assert.ok(cosine(withOov.embedText('zorbleflux'), withOov.embedText('gpu')) > 0.999);
  assert.ok(withOov.wordVector('zorbleflux') === gpu);
  assert.equal(embedder.wordVector('zorbleflux'), undefined);
});

test('a table word the stream uses often is blended towards its induced vector', () => {
  const code = embedder.wordVector('programming')!;
  const rust = embedder.wordVector('rust')!;
  const oov = { induced: (w: string) => (w === 'rust' ? { vector: code, count: 60 } : undefined) };
  const adapted = new BuiltinEmbedder({ oov, adaptation: 20 });
  const blended = adapted.wordVector('rust')!;
  // cos(rust, programming) < 0.3: another sense, fully adapted: (20·rust + 60·programming) / 80
  assert.ok(cosine(rust, code) < 0.3);
  blended.forEach((x, d) => assert.ok(Math.abs(x - (0.25 * rust[d] + 0.75 * code[d])) < 1e-5));
  assert.ok(cosine(adapted.embedText('rust'), embedder.embedText('programming')) > cosine(embedder.embedText('rust'), embedder.embedText('programming')));
  const fixed = new BuiltinEmbedder({ oov, adaptation: Infinity });
  assert.deepEqual(fixed.embedText('rust'), embedder.embedText('rust'));
});

test('a table word the stream uses in its usual sense keeps its GloVe vector', () => {
  const soccer = embedder.wordVector('soccer')!;
  assert.ok(cosine(soccer, embedder.wordVector('football')!) > 0.5);
  const oov = { induced: (w: string) => (w === 'football' ? { vector: soccer, count: 500 } : undefined) };
  assert.deepEqual(new BuiltinEmbedder({ oov }).wordVector('football'), embedder.wordVector('football'));
});

test('a large batch is embedded in order (with yields between chunks)', async () => {
  const texts = Array.from({ length: 600 }, (_, i) => (i % 2 ? 'football match' : 'stock market'));
  const vectors = await embedder.embed(texts);
  assert.equal(vectors.length, 600);
  assert.deepEqual(vectors[599], embedder.embedText('football match'));
  assert.deepEqual(vectors[300], embedder.embedText('stock market'));
});
