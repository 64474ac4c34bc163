import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from './index.ts';

const RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Example &amp; Co</title>
  <link>/</link>
  <atom:link rel="self" href="/feed.xml" type="application/rss+xml"/>
  <description>News</description>
  <language>en-gb</language>
  <ttl>60</ttl>
  <managingEditor>ed@example.com (The Editor)</managingEditor>
  <lastBuildDate>Wed, 02 Oct 2002 13:00:00 GMT</lastBuildDate>
  <item>
    <title>First</title>
    <link>/posts/1</link>
    <guid isPermaLink="false">tag:example.com,2002:1</guid>
    <description>&lt;p&gt;Summary&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded>
    <dc:creator>Jo Bloggs</dc:creator>
    <category domain="http://example.com/cats">News</category>
    <pubDate>Wed, 02 Oct 2002 08:00:00 EST</pubDate>
    <enclosure url="/a.mp3" length="1234" type="audio/mpeg"/>
    <comments>/posts/1#comments</comments>
  </item>
  <item>
    <guid>http://example.com/posts/2</guid>
    <title>Second</title>
  </item>
  <item><title>No id</title></item>
</channel>
</rss>`;

test('RSS 2.0: channel and item fields, relative URLs against the fetch URL', () => {
  const feed = parseFeed(new TextEncoder().encode(RSS), { url: 'http://example.com/feed.xml' });
  assert.equal(feed.format, 'rss');
  assert.equal(feed.version, 'rss20');
  assert.equal(feed.title, 'Example & Co');
  assert.equal(feed.siteUrl, 'http://example.com/');
  assert.equal(feed.feedUrl, 'http://example.com/feed.xml');
  assert.equal(feed.language, 'en-gb');
  assert.equal(feed.ttlMinutes, 60);
  assert.deepEqual(feed.authors, [{ name: 'The Editor', email: 'ed@example.com' }]);
  assert.equal(feed.updated?.toISOString(), '2002-10-02T13:00:00.000Z');
  assert.deepEqual(feed.issues, []);
  const [first, second, third] = feed.entries;
  assert.equal(first.id, 'tag:example.com,2002:1');
  assert.equal(first.idFromFeed, true);
  assert.equal(first.link, 'http://example.com/posts/1');
  assert.equal(first.summary, '<p>Summary</p>');
  assert.equal(first.summaryType, 'html');
  assert.equal(first.content, '<p>Full <b>text</b></p>');
  assert.deepEqual(first.authors, [{ name: 'Jo Bloggs' }]);
  assert.deepEqual(first.categories, [{ term: 'News', scheme: 'http://example.com/cats' }]);
  assert.equal(first.published?.toISOString(), '2002-10-02T13:00:00.000Z');
  assert.deepEqual(first.enclosures, [{ url: 'http://example.com/a.mp3', type: 'audio/mpeg', length: 1234 }]);
  assert.equal(first.commentsUrl, 'http://example.com/posts/1#comments');
  // A permalink GUID doubles as the link.
  assert.equal(second.link, 'http://example.com/posts/2');
  // No GUID: a stable derived id.
  assert.equal(third.idFromFeed, false);
  assert.match(third.id, /^sluice:[0-9a-f]{32}$/);
  assert.equal(parseFeed(RSS).entries[2].id, third.id);
});

test('RSS 1.0 (RDF): items beside the channel, rdf:about as id', () => {
  const feed = parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="http://example.com/"><title>R</title><link>http://example.com/</link></channel>
    <item rdf:about="http://example.com/1"><title>One</title><link>http://example.com/1</link><dc:date>2003-12-31T10:14:55Z</dc:date></item>
  </rdf:RDF>`);
  assert.equal(feed.format, 'rdf');
  assert.equal(feed.version, 'rss10');
  assert.equal(feed.title, 'R');
  assert.equal(feed.entries.length, 1);
  assert.equal(feed.entries[0].id, 'http://example.com/1');
  assert.equal(feed.entries[0].published?.toISOString(), '2003-12-31T10:14:55.000Z');
});

test('a broken RSS feed is read as far as it goes, with issues', () => {
  const feed = parseFeed('<rss version="0.91"><channel><title>AT&T news &nbsp;</title><item><title>a</title></channel>');
  assert.equal(feed.version, 'rss091u');
  assert.equal(feed.title, 'AT&T news'); // the &nbsp; is trailing whitespace
  assert.equal(feed.entries.length, 1);
  assert.ok(feed.issues.length >= 2);
});

test('CDF: a bare <CHANNEL> with HREF, LASTMOD and ABSTRACT', () => {
  const feed = parseFeed(`<CHANNEL HREF="http://www.example.org/"><TITLE>C</TITLE><ABSTRACT>About</ABSTRACT>
    <ITEM HREF="http://www.example.org/i" LASTMOD="2004-04-06T23:05:43-05:00"><TITLE>I</TITLE><ABSTRACT>Sum</ABSTRACT></ITEM></CHANNEL>`);
  assert.equal(feed.version, 'cdf');
  assert.equal(feed.siteUrl, 'http://www.example.org/');
  assert.equal(feed.description, 'About');
  assert.equal(feed.entries.length, 1);
  const [e] = feed.entries;
  assert.equal(e.link, 'http://www.example.org/i');
  assert.equal(e.summary, 'Sum');
  assert.equal(e.updated?.toISOString(), '2004-04-07T04:05:43.000Z');
});
