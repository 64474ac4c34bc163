import assert from 'node:assert/strict';
import { test } from 'node:test';
import { xmlText } from './xml-text.ts';

test('xmlText escapes text and attributes and drops characters XML 1.0 forbids', () => {
  assert.equal(xmlText('a & b < c > d " e'), 'a &amp; b &lt; c &gt; d &quot; e');
  assert.equal(xmlText('bell\u0007 nul\u0000 tab\t lone\uD800 ok🏎'), 'bell nul tab\t lone ok🏎');
});
