import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findRow, isNumber } from './lookup.ts';
import { gloveTable } from './table.ts';

const table = gloveTable();

test('possessives and contractions map to their base word', () => {
  assert.equal(findRow(table, "company's"), table.rowOf('company'));
  assert.equal(findRow(table, "players'"), table.rowOf('players'));
  assert.equal(findRow(table, "we're"), table.rowOf('we'));
  assert.equal(findRow(table, "don't"), table.rowOf('do'));
  assert.equal(findRow(table, "can't"), table.rowOf('can'));
  assert.equal(findRow(table, "won't"), table.rowOf('will'));
});

test('accented spellings fall back to the ASCII vocabulary', () => {
  assert.equal(findRow(table, 'café'), table.rowOf('cafe'));
  assert.equal(findRow(table, 'naïve'), table.rowOf('naive'));
});

test('unknown words have no row', () => {
  assert.equal(findRow(table, 'zorbleflux'), undefined);
  assert.equal(findRow(table, "zorbleflux's"), undefined);
});

test('numbers are recognised as such', () => {
  assert.ok(isNumber('2024') && isNumber('3.14') && isNumber('1,000'));
  assert.ok(!isNumber('gpt-4') && !isNumber('h1n1') && !isNumber('2024s'));
});
