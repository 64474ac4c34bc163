import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BuiltinEmbedder } from './builtin.ts';
import { gloveTable } from './glove/table.ts';
import { nearestWords } from './neighbours.ts';
import { cosine, removeComponentInPlace } from './sif.ts';

const table = gloveTable();

test('a word is its own nearest neighbour, then its synonyms', () => {
  const [first, ...rest] = nearestWords(table, table.vector(table.rowOf('football')!), 10);
  assert.equal(first.word, 'football');
  assert.ok(Math.abs(first.similarity - 1) < 1e-5);
  assert.ok(rest.some((n) => n.word === 'soccer'), rest.map((n) => n.word).join(' '));
  for (let i = 1; i < rest.length; i++) assert.ok(rest[i - 1].similarity >= rest[i].similarity, 'sorted');
});

test('similarities equal the cosine with the common component removed from both sides', () => {
  const embedder = new BuiltinEmbedder();
  const u = embedder.commonComponent!;
  const query = embedder.embedText('stock markets and interest rates');
  const neighbours = nearestWords(table, query, 5, { commonComponent: u });
  for (const n of neighbours) {
    const expected = cosine(query, removeComponentInPlace(table.vector(n.row), u));
    assert.ok(Math.abs(n.similarity - expected) < 1e-5, `${n.word}: ${n.similarity} vs ${expected}`);
  }
  const words = neighbours.map((n) => n.word);
  assert.ok(words.some((w) => ['stocks', 'markets', 'rates', 'stock', 'interest', 'bond', 'bonds'].includes(w)), words.join(' '));
});

test('excluded words are skipped, vocabulary limits the scan, zero query gives nothing', () => {
  const query = table.vector(table.rowOf('football')!);
  const neighbours = nearestWords(table, query, 3, { exclude: (w) => w === 'football' });
  assert.ok(!neighbours.some((n) => n.word === 'football'));
  assert.ok(nearestWords(table, query, 5, { vocabulary: 1000 }).every((n) => n.row < 1000));
  assert.deepEqual(nearestWords(table, new Float32Array(100), 5), []);
});

test('extra words (e.g. learned ones) compete with the table', () => {
  const gpu = table.vector(table.rowOf('gpu')!);
  const neighbours = nearestWords(table, gpu, 3, { extra: [['zorbleflux', gpu], ['nothing', new Float32Array(100)]] });
  assert.deepEqual(neighbours.slice(0, 2).map((n) => n.word).sort(), ['gpu', 'zorbleflux']);
  assert.equal(neighbours.find((n) => n.word === 'zorbleflux')!.row, -1);
});
