import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MatchColumns } from './match-columns.ts';

test('pairs pushed as columns come back as the same Matches, terms resolved by id', () => {
  const words = ['rocket', 'orbit', 'moon'];
  const columns = new MatchColumns((id) => words[id]);
  for (let i = 0; i < 3000; i++) {
    columns.push(i, 7, 3.5 - i / 1000, 1.5, i % 2 ? 2 : -0.1, 0.25, i < 500, 2.5, -0.5);
    if (i % 2) { columns.addTerm(2); columns.addTerm(0); }
  }
  assert.equal(columns.length, 3000);
  assert.deepEqual(columns.match(1), { postId: 1, interestId: 7, score: 3.499, semantic: 1.5, lexical: 2, cosine: 0.25, terms: ['moon', 'rocket'], aboveThreshold: true, threshold: 2.5, feedback: -0.5, chance: 3 });
  assert.deepEqual(columns.match(2998).terms, []);
  assert.equal(columns.match(2999).aboveThreshold, false);
  const all = columns.toMatches();
  assert.equal(all.length, 3000);
  assert.deepEqual(all[1001], columns.match(1001));
  assert.throws(() => columns.match(3000), /no pair 3000 \(3000 pairs\)/);
});

test('pairs written into reserved columns read back like pushed ones', () => {
  const words = ['rocket', 'orbit', 'moon'];
  const pushed = new MatchColumns((id) => words[id], 16), written = new MatchColumns((id) => words[id], 16);
  for (let i = 0; i < 100; i++) {
    pushed.push(i, 3, i / 10, 1, 2, 0.5, i % 3 === 0, 3.25, 0.25);
    for (let t = 0; t < i % 4; t++) pushed.addTerm(t % 3);
    written.reserve(1, i % 4); // grows past the first 16 pairs and 32 terms
    const at = written.length;
    written.postId[at] = i; written.interestId[at] = 3; written.score[at] = i / 10; written.semantic[at] = 1;
    written.lexical[at] = 2; written.cosine[at] = 0.5; written.aboveThreshold[at] = i % 3 === 0 ? 1 : 0;
    written.threshold[at] = 3.25; written.feedback[at] = 0.25;
    let end = written.termStart[at];
    for (let t = 0; t < i % 4; t++) written.termIds[end++] = t % 3;
    written.termStart[at + 1] = end;
    written.length = at + 1;
  }
  assert.deepEqual(written.toMatches(), pushed.toMatches());
});
