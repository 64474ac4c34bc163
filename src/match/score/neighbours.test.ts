import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearestNeighbours } from './neighbours.ts';
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
