import { test } from 'node:test';
import assert from 'node:assert/strict';
import { child, innerXml, parseXml, textOf, attr } from './xml.ts';

test('elements, attributes and namespaces resolve to canonical keys', () => {
  const doc = parseXml('<rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><dc:creator a="1">Jo</dc:creator></channel></rss>');
  assert.deepEqual(doc.issues, []);
  const channel = child(doc.root!, '', 'channel')!;
  const creator = child(channel, 'dc', 'creator')!;
  assert.equal(textOf(creator), 'Jo');
  assert.equal(attr(creator, 'a'), '1');
});

test('default namespace applies to unprefixed elements; Atom 0.3 and 1.0 share a key', () => {
  for (const ns of ['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#']) {
    const doc = parseXml(`<feed xmlns="${ns}"><title>t</title></feed>`);
    assert.equal(doc.root!.ns, 'atom');
    assert.equal(textOf(child(doc.root!, 'atom', 'title')!), 't');
  }
});

test('entities: XML, numeric, HTML named (noted as an issue), CDATA kept raw', () => {
  const doc = parseXml('<a>&lt;b&gt; &#233;&#x41; &eacute; <![CDATA[<i>&amp;</i>]]></a>');
  assert.equal(textOf(doc.root!), '<b> éA é <i>&amp;</i>');
  assert.equal(doc.issues.length, 1);
  assert.match(doc.issues[0].message, /eacute/);
});

test('a bare ampersand and an unknown entity stay literal, with issues', () => {
  const doc = parseXml('<a>AT&T &bogus; ok</a>');
  assert.equal(textOf(doc.root!), 'AT&T &bogus; ok');
  assert.equal(doc.issues.length, 2);
});

test('unclosed and mismatched tags are repaired, not fatal', () => {
  const doc = parseXml('<rss><channel><title>x</titl><item><title>y</title></channel>');
  const channel = child(doc.root!, '', 'channel')!;
  assert.ok(child(channel, '', 'title'));
  assert.ok(doc.issues.length >= 2);
  assert.ok(doc.issues.every((i) => typeof i.line === 'number'));
});

test('entities declared in the DOCTYPE internal subset are honoured', () => {
  const doc = parseXml('<!DOCTYPE rss [<!ENTITY me "Jo &amp; co">]><rss><t>&me;</t></rss>');
  assert.equal(textOf(doc.root!), 'Jo & co');
});

test('innerXml writes markup back with prefixes dropped and text escaped', () => {
  const doc = parseXml('<c xmlns:h="http://www.w3.org/1999/xhtml"><h:p class="x">a &amp; b<h:br/></h:p></c>');
  assert.equal(innerXml(doc.root!), '<p class="x">a &amp; b<br /></p>');
});

test('stray "<" becomes text, unquoted attributes are read', () => {
  const doc = parseXml('<a b=1>1 < 2</a>');
  assert.equal(attr(doc.root!, 'b'), '1');
  assert.equal(textOf(doc.root!), '1 < 2');
});

test('an entry closes elements left open before it', () => {
  const doc = parseXml('<rss><channel><itunes:category text="a"><item><title>1</title></item><item><title>2</title></item></channel></rss>');
  const channel = child(doc.root!, '', 'channel')!;
  assert.equal(channel.children.filter((c) => typeof c !== 'string' && c.local === 'item').length, 2);
});

test('nesting beyond the depth limit is flattened, entity expansion is bounded', () => {
  const deep = parseXml(`<a>${'<b>'.repeat(5000)}x${'</b>'.repeat(5000)}<c/></a>`);
  assert.ok(child(deep.root!, '', 'c'), 'the tree closes properly after the flattened part');
  const laughs = '<!DOCTYPE a [<!ENTITY x "' + 'x'.repeat(100_000) + '">]><a>' + '&x;'.repeat(100) + '</a>';
  assert.ok(textOf(parseXml(laughs).root!).length <= 1_000_000 + '&x;'.length * 100, 'expansion stops at the budget');
});

test('HTML void elements hold nothing, written either way', () => {
  const loose = parseXml('<d>line<br>next<img src="a.png">end</d>');
  assert.equal(innerXml(loose.root!), 'line<br />next<img src="a.png" />end');
  assert.deepEqual(loose.issues, []);
  const strict = parseXml('<d>a<br></br>b<br/></d>');
  assert.equal(innerXml(strict.root!), 'a<br />b<br />');
  assert.deepEqual(strict.issues, []);
});

test('character references spelling UTF-8 bytes one by one are repaired in UTF-8 documents only', () => {
  assert.equal(textOf(parseXml('<a>&#226;&#128;&#166;</a>', { utf8: true }).root!), '\u2026');
  assert.equal(textOf(parseXml('<a>&#226;&#128;&#166;</a>').root!), '\u00e2\u20ac\u00a6');
  assert.equal(textOf(parseXml('<a>caf&#233; &amp; cr&#232;me</a>', { utf8: true }).root!), 'café & crème');
});
