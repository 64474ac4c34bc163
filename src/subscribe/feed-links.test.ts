import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findFeedLinks } from './feed-links.ts';

describe('findFeedLinks', () => {
  it('finds alternate feed links in order, resolved against the page and <base>', () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">
      <link rel="alternate" type="application/atom+xml" href="https://other.example/atom">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      <link rel="Alternate" type="application/feed+json; charset=utf-8" href="feed.json">
      <link rel="alternate" type="application/rss+xml" href="/feed.xml">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      </head><body></body></html>`;
    assert.deepEqual(findFeedLinks(html, 'https://blog.example/posts/index.html'), [
      { url: 'https://blog.example/feed.xml', type: 'application/rss+xml', title: 'Posts' },
      { url: 'https://other.example/atom', type: 'application/atom+xml', title: undefined },
      { url: 'https://blog.example/posts/feed.json', type: 'application/feed+json', title: undefined },
    ]);
    assert.deepEqual(
      findFeedLinks('<head><base href="https://cdn.example/x/"><link rel=alternate type=application/atom+xml href=a.xml></head>', 'https://p.example/'),
      [{ url: 'https://cdn.example/x/a.xml', type: 'application/atom+xml', title: undefined }],
    );
  });

  it('returns nothing for pages without feeds or for garbage', () => {
    assert.deepEqual(findFeedLinks('<html><head><title>x</title></head></html>', 'https://a.example/'), []);
    assert.deepEqual(findFeedLinks('\u0000<<<>>>&&&', 'https://a.example/'), []);
  });
});
