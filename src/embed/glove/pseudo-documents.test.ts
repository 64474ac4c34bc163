import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pseudoDocuments } from './pseudo-documents.ts';
import { seededRandom } from '../../seeded-random.ts';
import { gloveTable } from './table.ts';
import { cosine } from '../sif.ts';

const table = gloveTable();

function meanPairwiseCosine(words: string[]): number {
  const vectors = words.map((w) => table.vector(table.rowOf(w)!));
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      sum += cosine(vectors[i], vectors[j]);
      pairs++;
    }
  }
  return sum / pairs;
}
const options = { seed: 7, vocabulary: 5000, topicTo: 3000 };

test('the PRNG is deterministic and uniform enough', () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const xs = Array.from({ length: 10_000 }, () => a());
  assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => b()));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02 && xs.every((x) => x >= 0 && x < 1));
});

test('same seed, same documents; another seed, other documents', () => {
  const first = [...pseudoDocuments(table, 5, options)];
  assert.deepEqual([...pseudoDocuments(table, 5, options)], first);
  assert.notDeepEqual([...pseudoDocuments(table, 5, { ...options, seed: 8 })], first);
});

test('documents have the configured lengths and use only eligible words', () => {
  const eligible = new Set(table.words.slice(0, 5000));
  for (const doc of pseudoDocuments(table, 20, { ...options, minWords: 10, maxWords: 50 })) {
    assert.ok(doc.length >= 10 && doc.length <= 50, String(doc.length));
    for (const word of doc) assert.ok(eligible.has(word), word);
  }
});

test('a document mixes frequent words with words of one topic', () => {
  const [doc] = pseudoDocuments(table, 1, { ...options, minWords: 300, maxWords: 300 });
  const frequent = doc.filter((w) => table.rowOf(w)! < 100).length;
  assert.ok(frequent > 60 && frequent < 240, `${frequent} of 300 among the 100 most frequent words`);
  // Its other words share a topic: they are more alike than as many random words of the same ranks.
  const content = [...new Set(doc.filter((w) => table.rowOf(w)! >= 100))];
  const random = seededRandom(1);
  const control = Array.from({ length: content.length }, () => table.words[100 + Math.floor(random() * 4900)]);
  const topical = meanPairwiseCosine(content);
  const unrelated = meanPairwiseCosine(control);
  assert.ok(topical > unrelated + 0.08, `topic words ${topical.toFixed(3)}, random words ${unrelated.toFixed(3)}`);
});
