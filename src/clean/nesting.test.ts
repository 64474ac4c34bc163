import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_NESTING_DEPTH, nestingExceeds, stripTags } from './nesting.ts';

test('ordinary markup is not too deep', () => {
  const article = '<article><div><div><section><p>a<b><i>b</i></b><br><img src=x>' + '<p>unclosed '.repeat(5000) + '<ul>' + '<li>item'.repeat(5000) + '</ul></section></div></div></article>';
  assert.equal(nestingExceeds(article), false);
  assert.equal(nestingExceeds('<div>'.repeat(MAX_NESTING_DEPTH) + '</div>'.repeat(MAX_NESTING_DEPTH)), false);
});

test('nesting past the limit is found, closed or not', () => {
  assert.equal(nestingExceeds('<div>'.repeat(MAX_NESTING_DEPTH + 1) + 'x' + '</div>'.repeat(MAX_NESTING_DEPTH + 1)), true);
  assert.equal(nestingExceeds('<b><i>'.repeat(MAX_NESTING_DEPTH)), true);
  assert.equal(nestingExceeds('<div>'.repeat(10), 5), true);
});

test('stripTags leaves only text', () => {
  assert.equal(stripTags('<p>a <b>b</b></p><img src="x" onerror="y">c<d'), ' a  b   c ');
});
