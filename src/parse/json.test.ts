import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from './index.ts';

test('JSON Feed 1.1: items, authors, attachments, relative URLs against feed_url', () => {
  const feed = parseFeed(
    JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      home_page_url: 'https://example.org/',
      feed_url: 'https://example.org/feed.json',
      authors: [{ name: 'Ann', url: 'https://example.org/ann' }],
      items: [
        {
          id: 1,
          url: '/1',
          title: 'One',
          content_html: '<p>x</p>',
          summary: 's',
          date_published: '2020-01-02T03:04:05Z',
          tags: ['a', 'b'],
          attachments: [{ url: 'a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 5 }],
        },
        { content_text: 'no id' },
      ],
    }),
  );
  assert.equal(feed.format, 'json');
  assert.equal(feed.version, 'json11');
  assert.equal(feed.siteUrl, 'https://example.org/');
  assert.deepEqual(feed.authors, [{ name: 'Ann', uri: 'https://example.org/ann' }]);
  const [a, b] = feed.entries;
  assert.equal(a.id, '1');
  assert.equal(a.link, 'https://example.org/1');
  assert.equal(a.content, '<p>x</p>');
  assert.equal(a.contentType, 'html');
  assert.equal(a.published?.toISOString(), '2020-01-02T03:04:05.000Z');
  assert.deepEqual(a.categories.map((c) => c.term), ['a', 'b']);
  assert.deepEqual(a.enclosures, [{ url: 'https://example.org/a.mp3', type: 'audio/mpeg', length: 5 }]);
  assert.equal(b.idFromFeed, false);
  assert.equal(b.contentType, 'text');
});

test('JSON Feed 1.0 "author" is read too', () => {
  const feed = parseFeed('{"version":"https://jsonfeed.org/version/1","author":{"name":"Bo"},"items":[]}');
  assert.equal(feed.version, 'json10');
  assert.deepEqual(feed.authors, [{ name: 'Bo' }]);
});
