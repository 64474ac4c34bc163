import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTable } from './table.ts';
import { displayWidth, truncateToWidth } from './text-width.ts';

test('columns line up by terminal width: CJK and emoji take two columns, accents one', () => {
  assert.equal(displayWidth('日本の政治'), 10);
  assert.equal(displayWidth('café'), 4);
  assert.equal(displayWidth('cafe\u0301'), 4, 'a combining accent takes no column');
  assert.equal(displayWidth('🚀 go'), 5);
  const table = formatTable(['NAME', 'KEYWORDS'], [['日本の政治', '首相'], ['Football', 'goal']]);
  assert.equal(table, 'NAME        KEYWORDS\n日本の政治  首相\nFootball    goal\n');
});

test('a long cell is cut to the width with an ellipsis, never through a character', () => {
  assert.equal(truncateToWidth('Formula One', 60), 'Formula One');
  assert.equal(truncateToWidth('abcdef', 4), 'abc…');
  assert.equal(truncateToWidth('日本の政治', 6), '日本…');
  assert.equal(truncateToWidth('🚀🚀🚀🚀', 5), '🚀🚀…');
});
