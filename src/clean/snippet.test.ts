import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snippet } from './snippet.ts';

test('short text is returned whole, on one line', () => {
  assert.equal(snippet('Hello\nworld', 80), 'Hello world');
});

test('long text is cut between words and marked', () => {
  assert.equal(snippet('The quick brown fox jumps over the lazy dog', 20), 'The quick brown fox…');
  assert.ok(snippet('The quick brown fox jumps over the lazy dog', 20).length <= 20);
  assert.equal(snippet('First clause, second clause goes on', 16), 'First clause…');
});

test('a single long word is cut inside', () => {
  assert.equal(snippet('Supercalifragilisticexpialidocious', 10), 'Supercali…');
});
