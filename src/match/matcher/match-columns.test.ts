import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MatchColumns } from './match-columns.ts';

test('pairs pushed as columns come back as the same Matches, terms resolved by id', () => {
  const words = ['rocket', 'orbit', 'moon'];
  const columns = new MatchColumns((id) => words[id]);
  for (let i = 0; i < 3000; i++) {
    columns.push(i, 7, 3.5 - i / 1000, 1.5, i % 2 ? 2 : -0.1, 0.25, i < 500);
    if (i % 2) { columns.addTerm(2); columns.addTerm(0); }
  }
  assert.equal(columns.length, 3000);
  assert.deepEqual(columns.match(1), { postId: 1, interestId: 7, score: 3.499, semantic: 1.5, lexical: 2, cosine: 0.25, terms: ['moon', 'rocket'], aboveThreshold: true });
  assert.deepEqual(columns.match(2998).terms, []);
  assert.equal(columns.match(2999).aboveThreshold, false);
  const all = columns.toMatches();
  assert.equal(all.length, 3000);
  assert.deepEqual(all[1001], columns.match(1001));
  assert.throws(() => columns.match(3000), /no pair 3000 \(3000 pairs\)/);
});
