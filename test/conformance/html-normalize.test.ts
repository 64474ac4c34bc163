import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeHtml } from './html-normalize.ts';

test('spellings that mean the same HTML normalize alike', () => {
  assert.equal(normalizeHtml('<BR>'), normalizeHtml('<br />'));
  assert.equal(normalizeHtml("<a href='http://x.org'>&#38;</a>"), normalizeHtml('<a href="http://x.org/">&amp;</a>'));
  assert.equal(normalizeHtml('  <p>x</p>\n'), '<p>x</p>');
  assert.equal(normalizeHtml('<img src="a" alt="b">'), normalizeHtml('<img alt="b" src="a" />'));
});

test('different HTML stays different', () => {
  assert.notEqual(normalizeHtml('<b>x</b>'), normalizeHtml('<i>x</i>'));
  assert.notEqual(normalizeHtml('<span abbr="">x</span>'), normalizeHtml('<span>x</span>'));
  assert.notEqual(normalizeHtml('a  b'), normalizeHtml('a b'));
});
