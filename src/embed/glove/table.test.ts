import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTable, encodeTable, gloveTable, WordTableFormatError } from './table.ts';

test('encode then decode keeps words and vectors to within int8 rounding', () => {
  const vectors = [
    [0.5, -1.25, 0.01],
    [0, 0, 0],
    [3, 2, -1],
  ];
  const { wordsText, vectorsBin } = encodeTable(['alpha', 'beta', 'c++'], vectors, 3);
  const table = decodeTable(wordsText, vectorsBin);
  assert.equal(table.size, 3);
  assert.equal(table.rowOf('c++'), 2);
  assert.equal(table.rowOf('gamma'), undefined);
  for (let row = 0; row < 3; row++) {
    const maxAbs = Math.max(...vectors[row].map(Math.abs));
    table.vector(row).forEach((x, d) => assert.ok(Math.abs(x - vectors[row][d]) <= maxAbs / 254 + 1e-7, `row ${row} dim ${d}`));
  }
  assert.deepEqual(encodeTable(['alpha', 'beta', 'c++'], vectors, 3).vectorsBin, vectorsBin, 'deterministic bytes');
});

test('a damaged file is refused with what is wrong', () => {
  const { wordsText, vectorsBin } = encodeTable(['a', 'b'], [[1], [2]], 1);
  assert.throws(() => decodeTable(wordsText, vectorsBin.subarray(0, vectorsBin.length - 1), 'x.bin'), (e: unknown) => {
    assert.ok(e instanceof WordTableFormatError);
    assert.match(e.message, /^x\.bin: \d+ bytes, expected \d+/);
    return true;
  });
  assert.throws(() => decodeTable('a\n', vectorsBin), /1 words for 2 rows/);
  assert.throws(() => decodeTable(wordsText, new Uint8Array(32)), /bad magic/);
});

test('the shipped table: 100k GloVe words in frequency order, vectors as published', () => {
  const table = gloveTable();
  assert.equal(table.size, 100_000);
  assert.equal(table.dims, 100);
  assert.equal(table.words[0], 'the');
  assert.ok(table.rowOf('football')! < table.rowOf('soccer')!);
  // GloVe 6B 100-d, "the": -0.038194 -0.24487 0.72812 …
  const the = table.vector(0);
  const expected = [-0.038194, -0.24487, 0.72812];
  const halfStep = table.scales[0] / 2; // int8 rounding
  assert.ok(halfStep < 0.02);
  expected.forEach((x, d) => assert.ok(Math.abs(the[d] - x) <= halfStep + 1e-6, `dim ${d}: ${the[d]}`));
});
