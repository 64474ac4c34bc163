import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentFacts } from './document-facts.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('a well-formed RSS feed: every item with its title, link and date, nested items not counted', () => {
  const facts = documentFacts(
    bytes(
      `<?xml version="1.0"?><!-- c --><!DOCTYPE rss [<!ELEMENT rss ANY>]><rss version="2.0"><channel><title>t</title>
       <item><title><![CDATA[One]]></title><link> https://e.org/1 </link><pubDate>Mon, 06 Sep 2010 16:45:00 +0000</pubDate></item>
       <item><title>  </title><description>&lt;item&gt; in text</description><x:item xmlns:x="urn:x"><title>inner</title></x:item></item>
       </channel></rss>`,
    ),
  );
  assert.equal(facts.kind, 'xml-feed');
  assert.equal(facts.root, 'rss');
  assert.equal(facts.declaredEncoding, 'utf-8');
  assert.equal(facts.wellFormed, true);
  assert.deepEqual(facts.entries, [
    { title: 'One', hasLink: true, dateText: 'Mon, 06 Sep 2010 16:45:00 +0000' },
    { title: '', hasLink: false },
  ]);
});

test('Atom: only alternate links count, dates come from direct children, XHTML titles give their text', () => {
  const facts = documentFacts(
    bytes(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><b>Bold</b> move</div></title>
       <link rel="self" href="https://e.org/self"/><source><updated>2001-01-01T00:00:00Z</updated></source><updated>2003-12-13T18:30:02Z</updated></entry>
       <entry><title>Two</title><link href="https://e.org/2"/></entry></feed>`,
    ),
  );
  assert.equal(facts.kind, 'xml-feed');
  assert.deepEqual(facts.entries, [
    { title: 'Bold move', hasLink: false, dateText: '2003-12-13T18:30:02Z' },
    { title: 'Two', hasLink: true },
  ]);
});

test('malformed XML: no entry list, but item tags outside CDATA and comments are counted', () => {
  const facts = documentFacts(
    bytes('<rss><channel><item><title>a &nbsp; b</title></item><!-- <item> --><description><![CDATA[<item>]]></description><item/><items/>'),
  );
  assert.equal(facts.kind, 'xml-feed');
  assert.equal(facts.wellFormed, false);
  assert.equal(facts.entries, undefined);
  assert.equal(facts.entryTagCount, 2);
});

test('HTML pages and other XML are told apart from feeds', () => {
  assert.equal(documentFacts(bytes('<!DOCTYPE html>\n<html><head><title>x</title></head></html>')).kind, 'html');
  assert.equal(documentFacts(bytes('<?xml version="1.0"?><opml version="2.0"><body/></opml>')).kind, 'other');
  assert.equal(documentFacts(bytes('')).kind, 'other');
});

test('the declared encoding comes from the BOM, else the XML declaration', () => {
  assert.equal(documentFacts(bytes("<?xml version='1.0' encoding='ISO-8859-1'?><rss/>")).declaredEncoding, 'ISO-8859-1');
  assert.equal(documentFacts(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('<?xml version="1.0" encoding="latin1"?><rss/>')])).declaredEncoding, 'utf-8');
});

test('UTF-16 documents are read through their BOM', () => {
  const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('<rss><channel><item><title>é</title></item></channel></rss>').flatMap((c) => [c.charCodeAt(0), 0])]);
  const facts = documentFacts(utf16);
  assert.equal(facts.declaredEncoding, 'utf-16le');
  assert.equal(facts.wellFormed, true);
  assert.deepEqual(facts.entries, [{ title: 'é', hasLink: false }]);
});

test('JSON Feed: items with their title, url and date; other JSON is not a feed', () => {
  const facts = documentFacts(
    bytes('{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":" A ","url":"https://e.org/a","date_published":"2020-01-01T00:00:00Z"},{"id":"2"}]}'),
  );
  assert.equal(facts.kind, 'json-feed');
  assert.deepEqual(facts.entries, [
    { title: 'A', hasLink: true, dateText: '2020-01-01T00:00:00Z' },
    { title: '', hasLink: false, dateText: undefined },
  ]);
  assert.equal(documentFacts(bytes('{"items":[]}')).kind, 'other');
  assert.equal(documentFacts(bytes('{"version":')).kind, 'other');
});
