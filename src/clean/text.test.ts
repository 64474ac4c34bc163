import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText, plainTitle } from './text.ts';

test('blocks become lines, inline markup disappears, spaces collapse', () => {
  assert.equal(
    htmlToText('<h1>Title</h1><p>First  <b>bold</b>\n   line.</p><ul><li>one</li><li>two</li></ul>last<br>line'),
    'Title\nFirst bold line.\none\ntwo\nlast\nline',
  );
});

test('table cells are separated by a space, rows by a line', () => {
  assert.equal(htmlToText('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>'), 'a b\nc d');
});

test('entities are decoded, including numeric and legacy forms', () => {
  assert.equal(htmlToText('<p>AT&amp;T &lt;tag&gt; caf&eacute; &#8220;q&#x201D; &nbsp;x&copy</p>'), 'AT&T <tag> café “q” x©');
});

test('script, style and other non-prose content is dropped', () => {
  assert.equal(
    htmlToText('a<script>var x = "<p>no</p>";</script>b<style>p { color: red }</style>c<noscript>d</noscript><svg><text>e</text></svg>f'),
    'abcf',
  );
});

test('preformatted text keeps its line breaks', () => {
  assert.equal(htmlToText('<p>see</p><pre><code>if (x) {\n  y();\n}</code></pre>'), 'see\nif (x) {\ny();\n}');
});

test('invisible characters go; words split by soft hyphens are whole again', () => {
  assert.equal(htmlToText('inter\u00adnational\u200b news\ufeff'), 'international news');
});

test('malformed HTML still yields its text', () => {
  assert.equal(htmlToText('<p>unclosed <b>bold <i>both</p> after'), 'unclosed bold both\nafter');
  assert.equal(htmlToText('a < b and c > d'), 'a < b and c > d');
  assert.equal(htmlToText(''), '');
});

test('titles: HTML and XHTML decoded to one line', () => {
  assert.equal(plainTitle('Example <b>Atom</b> &amp; more', 'html'), 'Example Atom & more');
  assert.equal(plainTitle('<div>Line<br/>break</div>', 'xhtml'), 'Line break');
});

test('titles: declared text is literal', () => {
  assert.equal(plainTitle('Example <b>Atom</b>', 'text'), 'Example <b>Atom</b>');
  assert.equal(plainTitle('  spaced\n  out  ', 'text'), 'spaced out');
});

test('titles: undeclared type is decoded only when it looks like HTML', () => {
  assert.equal(plainTitle('AT&amp;T buys <em>everything</em>'), 'AT&T buys everything');
  assert.equal(plainTitle('Tom &#38; Jerry'), 'Tom & Jerry');
  assert.equal(plainTitle('AT&T: a < b > c'), 'AT&T: a < b > c');
});

test('pathologically nested markup still yields its text', () => {
  assert.equal(htmlToText('<div>'.repeat(5000) + 'deep &amp; text' + '</div>'.repeat(5000)), 'deep & text');
});
