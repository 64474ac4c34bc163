import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entry } from '../parse/entry.ts';
import { toPost, withFullText } from './to-post.ts';
import { simhash } from './simhash.ts';
import { unsafeConstructs } from './unsafe-constructs.ts';

const FEED = { url: 'https://feeds.example.com/blog.xml', siteUrl: 'https://blog.example.com/' };

function entry(fields: Partial<Entry>): Entry {
  return { id: 'urn:entry:1', idFromFeed: true, authors: [], categories: [], enclosures: [], ...fields };
}

test('a full entry becomes a post with clean fields', () => {
  const published = new Date('2024-03-01T10:00:00Z');
  const updated = new Date('2024-03-02T10:00:00Z');
  const post = toPost(
    entry({
      link: 'https://Blog.Example.com/2024/03/trams?utm_source=rss&id=4#comments',
      title: 'Trams &amp; <em>buses</em>',
      titleType: 'html',
      authors: [{ name: 'Anna', uri: 'javascript:alert(1)' }, { name: 'Ben', uri: '/about/ben' }],
      published,
      updated,
      content: '<p onclick="x()">New <a href="/fleet">fleet</a>.</p><script>alert(1)</script>',
      contentType: 'html',
      language: 'en',
      categories: [{ term: 'transport' }],
      enclosures: [
        { url: '/audio/ep1.mp3', type: 'audio/mpeg', length: 1000 },
        { url: 'javascript:alert(1)' },
      ],
    }),
    FEED,
  );
  assert.deepEqual(post, {
    entryId: 'urn:entry:1',
    url: 'https://blog.example.com/2024/03/trams?id=4',
    link: 'https://blog.example.com/2024/03/trams?utm_source=rss&id=4#comments',
    title: 'Trams & buses',
    authors: [{ name: 'Anna' }, { name: 'Ben', uri: 'https://feeds.example.com/about/ben' }],
    published,
    updated,
    contentHtml:
      '<p>New <a href="https://blog.example.com/fleet" rel="noopener noreferrer" target="_blank">fleet</a>.</p>',
    text: 'New fleet.',
    language: 'en',
    categories: [{ term: 'transport' }],
    enclosures: [{ url: 'https://feeds.example.com/audio/ep1.mp3', type: 'audio/mpeg', length: 1000 }],
    simhash: simhash('New fleet.'),
  });
});

test('the fuller of content and summary is kept', () => {
  const longer = '<p>The whole article, with every paragraph of it, as written.</p>';
  assert.equal(toPost(entry({ summary: '<p>Teaser</p>', content: longer }), FEED).text, 'The whole article, with every paragraph of it, as written.');
  assert.equal(toPost(entry({ summary: longer, content: '<p>Teaser</p>' }), FEED).text, 'The whole article, with every paragraph of it, as written.');
  assert.equal(toPost(entry({ summary: '<p>Only a summary</p>' }), FEED).contentHtml, '<p>Only a summary</p>');
  assert.equal(toPost(entry({}), FEED).contentHtml, '');
});

test('plain-text content is escaped into paragraphs, not parsed as HTML', () => {
  const post = toPost(entry({ content: 'a < b & <script>\n\nsecond\nline', contentType: 'text' }), FEED);
  assert.equal(post.contentHtml, '<p>a &lt; b &amp; &lt;script&gt;</p><p>second<br />line</p>');
  assert.equal(post.text, 'a < b & <script>\nsecond\nline');
});

test('relative URLs resolve against xml:base, else the entry link, else the site', () => {
  const html = '<img src="img/a.png" alt="">';
  assert.match(toPost(entry({ content: html, baseUrl: 'https://base.example/dir/' }), FEED).contentHtml, /src="https:\/\/base\.example\/dir\/img\/a\.png"/);
  assert.match(toPost(entry({ content: html, link: 'https://blog.example.com/2024/post/' }), FEED).contentHtml, /src="https:\/\/blog\.example\.com\/2024\/post\/img\/a\.png"/);
  assert.match(toPost(entry({ content: html }), FEED).contentHtml, /src="https:\/\/blog\.example\.com\/img\/a\.png"/);
  // The parser's default base (the document URL itself) is no statement: the entry link wins.
  assert.match(
    toPost(entry({ content: html, baseUrl: FEED.url, link: 'https://blog.example.com/2024/post/' }), FEED).contentHtml,
    /src="https:\/\/blog\.example\.com\/2024\/post\/img\/a\.png"/,
  );
  // A base stated on the content element itself comes first.
  assert.match(
    toPost(entry({ content: html, baseUrl: 'https://base.example/dir/', textContext: { content: { base: 'https://other.example/' } } }), FEED).contentHtml,
    /src="https:\/\/other\.example\/img\/a\.png"/,
  );
  // A relative entry link resolves against the feed document.
  assert.equal(toPost(entry({ link: '/2024/post' }), FEED).link, 'https://feeds.example.com/2024/post');
});

test('an unsafe or non-web link is not kept', () => {
  const post = toPost(entry({ link: 'javascript:alert(1)', title: 'x' }), FEED);
  assert.equal(post.link, undefined);
  assert.equal(post.url, undefined);
  assert.equal(toPost(entry({ link: 'mailto:a@b.example', title: 'x' }), FEED).link, undefined);
});

test('an untitled entry is titled by the start of its text', () => {
  const post = toPost(
    entry({ content: '<p>Just posted a photo of the harbour at dawn, with the fishing boats coming back in after a long night.</p>' }),
    FEED,
  );
  assert.equal(post.title, 'Just posted a photo of the harbour at dawn, with the fishing boats coming back…');
  assert.equal(toPost(entry({ title: '   ' }), FEED).title, '');
});

test('text titles stay literal; undeclared titles with entities are decoded', () => {
  assert.equal(toPost(entry({ title: 'Use <div> wisely', titleType: 'text' }), FEED).title, 'Use <div> wisely');
  assert.equal(toPost(entry({ title: 'AT&amp;T &#8211; news' }), FEED).title, 'AT&T – news');
});

test('published falls back to updated', () => {
  const updated = new Date('2024-05-05T00:00:00Z');
  const post = toPost(entry({ updated }), FEED);
  assert.equal(post.published, updated);
  assert.equal(post.updated, updated);
});

test('the fingerprint is of the text, or of the title when there is no text', () => {
  const body = '<p>Same body text in two feeds with different headlines.</p>';
  const a = toPost(entry({ title: 'Headline one', content: body }), FEED);
  const b = toPost(entry({ title: 'Another headline', content: body }), FEED);
  assert.equal(a.simhash, b.simhash);
  assert.equal(toPost(entry({ title: 'Only a title' }), FEED).simhash, simhash('Only a title'));
});

test('hostile content comes out safe', () => {
  const post = toPost(
    entry({
      title: '<img src=x onerror=alert(1)>Title',
      titleType: 'html',
      summary: '<a href="jav&#x09;ascript:alert(1)">x</a><iframe src="https://evil.example/"></iframe>',
      content: '<svg onload=alert(1)><p>body</p></svg><img src="data:image/svg+xml,x" onerror="y">',
    }),
    FEED,
  );
  assert.deepEqual(unsafeConstructs(post.contentHtml), []);
  assert.equal(post.title, 'Title');
});

test('full text replaces a shorter body, and the fingerprint follows it', () => {
  const post = toPost(entry({ title: 'Trams', summary: '<p>Teaser.</p>' }), FEED);
  const article = { contentHtml: '<p>The whole article about trams, at length.</p>', text: 'The whole article about trams, at length.' };
  const full = withFullText(post, article);
  assert.equal(full.contentHtml, article.contentHtml);
  assert.equal(full.text, article.text);
  assert.equal(full.simhash, simhash(article.text));
  assert.equal(full.title, 'Trams');
  // Extraction that found less than the feed gave changes nothing.
  assert.equal(withFullText(full, { contentHtml: '<p>Short</p>', text: 'Short' }), full);
});

test('language comes from the chosen body when it states its own', () => {
  assert.equal(toPost(entry({ language: 'en', content: '<p>Bonjour</p>', textContext: { content: { language: 'fr' } } }), FEED).language, 'fr');
  assert.equal(toPost(entry({ language: 'en', content: '<p>Hello</p>' }), FEED).language, 'en');
});

test('image and comments URLs are kept only when safe', () => {
  const post = toPost(entry({ title: 't', image: '/thumb.jpg', commentsUrl: 'https://blog.example.com/p#comments' }), FEED);
  assert.equal(post.image, 'https://feeds.example.com/thumb.jpg');
  assert.equal(post.commentsUrl, 'https://blog.example.com/p#comments');
  const hostile = toPost(entry({ title: 't', image: 'javascript:alert(1)', commentsUrl: 'data:text/html,x' }), FEED);
  assert.equal('image' in hostile, false);
  assert.equal('commentsUrl' in hostile, false);
});
