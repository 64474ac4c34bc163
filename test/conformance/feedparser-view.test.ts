import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedFeed } from '../../src/parse/entry.ts';
import { feedparserView, HtmlValue, notModeledReason, timeTuple } from './feedparser-view.ts';

const parsed: ParsedFeed = {
  format: 'atom',
  version: 'atom10',
  title: 'Feed',
  titleType: 'text',
  siteUrl: 'http://example.com/',
  authors: [{ name: 'Ann', email: 'ann@example.com' }],
  encoding: 'utf-8',
  issues: [],
  baseUrl: 'http://example.com/',
  language: 'en',
  entries: [
    {
      id: 'tag:x',
      idFromFeed: true,
      title: 'A <b>b</b>',
      titleType: 'html',
      content: '<p onclick="x()">hi <a href="/rel">there</a></p>',
      contentType: 'html',
      authors: [],
      categories: [{ term: 't' }],
      enclosures: [{ url: 'http://example.com/a.mp3', type: 'audio/mpeg', length: 12 }],
      published: new Date(Date.UTC(2003, 11, 31, 10, 14, 55)),
      textContext: { title: { language: undefined } },
    },
  ],
};

test('maps the model onto feedparser’s keys', () => {
  const view = feedparserView(parsed);
  assert.equal(view.bozo, 0);
  assert.equal(view.feed.title, 'Feed');
  assert.deepEqual(view.feed.title_detail, { type: 'text/plain', value: 'Feed', base: 'http://example.com/', language: 'en' });
  assert.equal(view.feed.author, 'Ann (ann@example.com)');
  const entry = view.entries[0];
  assert.equal(entry.id, 'tag:x');
  assert.deepEqual(entry.enclosures, [{ href: 'http://example.com/a.mp3', type: 'audio/mpeg', length: '12' }]);
  assert.deepEqual(entry.published_parsed, [2003, 12, 31, 10, 14, 55, 2, 365, 0]);
});

test('HTML goes through the clean stage, resolved against the base', () => {
  const entry = feedparserView(parsed).entries[0];
  const content = (entry.content as { value: HtmlValue }[])[0].value;
  assert.ok(content instanceof HtmlValue);
  assert.ok(content.html.includes('href="http://example.com/rel"'), content.html);
  assert.ok(!content.html.includes('onclick'), content.html);
  // no summary of its own: feedparser copies HTML content into summary
  assert.ok(entry.summary instanceof HtmlValue);
});

test('a field with xml:lang="" has no language', () => {
  const entry = feedparserView(parsed).entries[0];
  assert.equal((entry.title_detail as { language: unknown }).language, null);
});

test('derived ids are not shown as feed ids', () => {
  const view = feedparserView({ ...parsed, entries: [{ ...parsed.entries[0], idFromFeed: false }] });
  assert.equal('id' in view.entries[0], false);
});

test('not-modeled keys have reasons; modeled ones do not', () => {
  assert.ok(notModeledReason('itunes_explicit'));
  assert.ok(notModeledReason('title', 'image'));
  assert.equal(notModeledReason('title'), undefined);
  assert.equal(notModeledReason('link'), undefined);
});

test('time tuples are UTC struct_time', () => {
  assert.deepEqual(timeTuple(new Date(Date.UTC(2004, 0, 1, 0, 0, 0))), [2004, 1, 1, 0, 0, 0, 3, 1, 0]);
});
