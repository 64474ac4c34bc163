import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from './index.ts';

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/" xml:lang="en">
  <title type="html">Example &lt;b&gt;Atom&lt;/b&gt;</title>
  <subtitle>Sub</subtitle>
  <link href="./"/>
  <link rel="self" href="feed.atom"/>
  <id>urn:uuid:60a76c80</id>
  <updated>2003-12-13T18:30:02Z</updated>
  <author><name>John Doe</name><email>john@example.org</email><uri>/john</uri></author>
  <entry>
    <title>Atom-Powered Robots</title>
    <link href="2003/12/13/atom03" rel="alternate" type="text/html"/>
    <link rel="enclosure" href="/a.mp3" type="audio/mpeg" length="10"/>
    <id>urn:uuid:1225c695</id>
    <published>2003-12-13T08:29:29-04:00</published>
    <updated>2003-12-13T18:30:02Z</updated>
    <summary>Some text.</summary>
    <content type="xhtml" xml:lang="fr"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <a href="x">there</a></p></div></content>
    <category term="robots" scheme="http://example.org/cats" label="Robots"/>
    <contributor><name>Jane</name></contributor>
    <rights type="html">&amp;copy; 2003</rights>
  </entry>
</feed>`;

test('Atom 1.0: feed and entry fields, xml:base, XHTML content without its wrapper div', () => {
  const feed = parseFeed(ATOM, { url: 'http://ignored.example/' });
  assert.equal(feed.format, 'atom');
  assert.equal(feed.version, 'atom10');
  assert.equal(feed.title, 'Example <b>Atom</b>');
  assert.equal(feed.titleType, 'html');
  assert.equal(feed.description, 'Sub');
  assert.equal(feed.siteUrl, 'http://example.org/blog/');
  assert.equal(feed.feedUrl, 'http://example.org/blog/feed.atom');
  assert.equal(feed.id, 'urn:uuid:60a76c80');
  assert.equal(feed.language, 'en');
  assert.deepEqual(feed.authors, [{ name: 'John Doe', email: 'john@example.org', uri: 'http://example.org/john' }]);
  assert.deepEqual(feed.issues, []);
  const e = feed.entries[0];
  assert.equal(e.id, 'urn:uuid:1225c695');
  assert.equal(e.link, 'http://example.org/blog/2003/12/13/atom03');
  assert.deepEqual(e.enclosures, [{ url: 'http://example.org/a.mp3', type: 'audio/mpeg', length: 10 }]);
  assert.equal(e.published?.toISOString(), '2003-12-13T12:29:29.000Z');
  assert.equal(e.updated?.toISOString(), '2003-12-13T18:30:02.000Z');
  assert.equal(e.summary, 'Some text.');
  assert.equal(e.summaryType, 'text');
  assert.equal(e.content, '<p>Hello <a href="x">there</a></p>');
  assert.equal(e.contentType, 'xhtml');
  assert.equal(e.baseUrl, 'http://example.org/blog/');
  assert.deepEqual(e.categories, [{ term: 'robots', scheme: 'http://example.org/cats', label: 'Robots' }]);
  assert.deepEqual(e.contributors, [{ name: 'Jane' }]);
  assert.equal(e.rights, '&copy; 2003');
});

test('Atom 0.3: modified/issued, tagline, escaped content mode', () => {
  const feed = parseFeed(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><tagline>T</tagline>
    <entry><title>x</title><issued>2003-12-31T10:14:55Z</issued><modified>2004-01-01T00:00:00Z</modified>
    <content type="text/html" mode="escaped">&lt;b&gt;hi&lt;/b&gt;</content></entry></feed>`);
  assert.equal(feed.version, 'atom03');
  assert.equal(feed.description, 'T');
  const e = feed.entries[0];
  assert.equal(e.published?.toISOString(), '2003-12-31T10:14:55.000Z');
  assert.equal(e.updated?.toISOString(), '2004-01-01T00:00:00.000Z');
  assert.equal(e.content, '<b>hi</b>');
  assert.equal(e.contentType, 'html');
  assert.equal(e.idFromFeed, false);
});

test('an entry <source> keeps the metadata of the feed it came from', () => {
  const feed = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e</id><title>t</title>
    <source><id>urn:src</id><title>Origin</title><link href="http://origin.example/"/>
      <author><name>Ann</name></author><rights>CC</rights><updated>2005-01-01T00:00:00Z</updated></source></entry></feed>`);
  const source = feed.entries[0].source!;
  assert.equal(source.title, 'Origin');
  assert.equal(source.url, 'http://origin.example/');
  assert.equal(source.id, 'urn:src');
  assert.deepEqual(source.authors, [{ name: 'Ann' }]);
  assert.equal(source.rights, 'CC');
  assert.equal(source.updated?.toISOString(), '2005-01-01T00:00:00.000Z');
});

test('generator name, URI and version', () => {
  const feed = parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><generator uri="/gen" version="2.65">Gen</generator></feed>', {
    url: 'http://example.com/feed',
  });
  assert.deepEqual([feed.generator, feed.generatorUri, feed.generatorVersion], ['Gen', 'http://example.com/gen', '2.65']);
});
