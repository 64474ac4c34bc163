import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearestNeighbours, neighbourhoods } from './neighbours.ts';
import { normalized } from './tfidf.ts';

const v = (entries: Record<string, number>) => normalized(new Map(Object.entries(entries)));

test('nearest neighbours: most similar first, never the post itself, only posts sharing a stem', () => {
  const vectors = [
    v({ goal: 1, match: 1 }),
    v({ goal: 1, match: 0.8, team: 0.2 }),
    v({ goal: 1, vote: 3 }),
    v({ vote: 1, elect: 1 }),
    v({ album: 1 }),
  ];
  const nn = nearestNeighbours(vectors, 2);
  assert.deepEqual(nn[0], [1, 2]);
  assert.deepEqual(nn[3], [2]);
  assert.deepEqual(nn[4], []);
  assert.ok(nn.every((list, j) => !list.includes(j)));
});

test('nearest neighbours: phrases do not count twice (their words already do)', () => {
  const vectors = [new Map([['mobil', 0.7], ['phone', 0.7], ['mobil phone', 0.9]]), new Map([['mobil phone', 0.9]]), new Map([['phone', 1]])];
  assert.deepEqual(nearestNeighbours(vectors, 2)[0], [2]);
});

test('nearest neighbours: posts sharing only a faint incidental word are no neighbours', () => {
  const vectors = [v({ goal: 1, match: 1, year: 0.05 }), v({ vote: 1, elect: 1, year: 0.05 })];
  assert.deepEqual(nearestNeighbours(vectors, 2), [[], []]);
});

test('hybrid neighbours: ranked by the mean of the TF-IDF and embedding cosines, among posts sharing words', () => {
  const vectors = [
    v({ goal: 1, match: 1 }),
    v({ goal: 1, match: 1, team: 0.5 }), // nearer in words
    v({ goal: 1, match: 1, coach: 0.5 }), // as near in words, nearer in meaning
    v({ vote: 1 }), // the same embedding as post 0, no word in common
  ];
  const embeddings = [Float32Array.of(1, 0), Float32Array.of(0.2, 1), Float32Array.of(1, 0.1), Float32Array.of(1, 0)];
  assert.deepEqual(nearestNeighbours(vectors, 3)[0], [1, 2], 'lexical alone: 1 and 2 alike (equal weights), never 3');
  const both = neighbourhoods(vectors, 3, embeddings);
  assert.deepEqual(both.lexical, nearestNeighbours(vectors, 3), 'the lexical ones as nearestNeighbours');
  const hybrid = both.hybrid!;
  assert.deepEqual(hybrid[0], [2, 1], 'the post nearer in meaning first');
  assert.ok(!hybrid[0].includes(3) && !hybrid[3].includes(0), 'an embedding alone makes no neighbour');
  assert.equal(neighbourhoods(vectors, 3).hybrid, undefined);
  assert.throws(() => neighbourhoods(vectors, 3, embeddings.slice(1)), /3 embeddings for 4 posts/);
});

test('hybrid neighbours: unrelated posts whose embeddings are close but whose words barely meet stay apart', () => {
  const vectors = [v({ goal: 1, match: 1, year: 0.05 }), v({ vote: 1, elect: 1, year: 0.05 })];
  const embeddings = [Float32Array.of(1, 0.2), Float32Array.of(1, 0.3)];
  assert.deepEqual(neighbourhoods(vectors, 2, embeddings).hybrid, [[], []]);
});
