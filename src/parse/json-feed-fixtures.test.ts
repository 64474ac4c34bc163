// The JSON Feed 1.1 fixtures of universal_feed (shared corpus), which ship without expectations:
// these are written from the JSON Feed 1.1 specification, one per fixture.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFeed } from './index.ts';
import type { ParsedFeed } from './entry.ts';

const dir = fileURLToPath(new URL('../../../shared/corpora/universal_feed-json11/test/wellformed/json11/', import.meta.url));
const missing = existsSync(dir) ? undefined : `corpus not found: ${dir}`;

const iso = (d: Date | undefined) => d?.toISOString();

const EXPECT: Record<string, (f: ParsedFeed) => void> = {
  'entry_attachments.json': (f) => assert.deepEqual(f.entries[0].enclosures, [{ url: 'https://example.com/file.pdf', type: 'application/pdf', length: 1024000 }]),
  'entry_authors.json': (f) => assert.deepEqual(f.entries[0].authors, [{ name: 'John Doe' }, { name: 'Jane Smith', uri: 'https://janesmith.example.com' }]),
  'entry_authors_name.json': (f) => assert.deepEqual(f.entries[0].authors, [{ name: 'John Doe' }]),
  'entry_comprehensive.json': (f) => {
    const e = f.entries[0];
    assert.equal(e.id, 'entry-comprehensive');
    assert.equal(e.link, 'https://example.com/comprehensive');
    assert.ok(e.links?.some((l) => l.href === 'https://external.com/source' && l.rel === 'related'));
    assert.equal(e.summary, 'A comprehensive test entry with multiple fields');
    assert.equal(e.contentType, 'html');
    assert.equal(iso(e.published), '2025-01-15T10:30:00.000Z');
    assert.equal(iso(e.updated), '2025-01-16T14:45:00.000Z');
    assert.equal(e.image, 'https://example.com/image.jpg');
    assert.deepEqual(e.categories.map((c) => c.term), ['comprehensive', 'test', 'json-feed']);
    assert.equal(e.enclosures[0].length, 2048000);
  },
  'entry_content_html.json': (f) => {
    assert.equal(f.entries[0].content, '<p>This is the <strong>HTML</strong> content of the entry.</p>');
    assert.equal(f.entries[0].contentType, 'html');
  },
  'entry_content_text.json': (f) => {
    assert.equal(f.entries[0].content, 'This is the plain text content of the entry.');
    assert.equal(f.entries[0].contentType, 'text');
  },
  'entry_date_modified.json': (f) => assert.equal(iso(f.entries[0].updated), '2025-01-16T14:45:00.000Z'),
  'entry_date_published.json': (f) => assert.equal(iso(f.entries[0].published), '2025-01-15T10:30:00.000Z'),
  'entry_external_url.json': (f) => assert.deepEqual(f.entries[0].links, [{ href: 'https://external.com/source', rel: 'related' }]),
  'entry_id.json': (f) => assert.deepEqual([f.entries[0].id, f.entries[0].idFromFeed], ['entry-001', true]),
  'entry_image.json': (f) => assert.equal(f.entries[0].image, 'https://example.com/image.jpg'),
  'entry_multiple.json': (f) => assert.deepEqual(f.entries.map((e) => [e.id, e.title, e.summary]), [
    ['entry-001', 'First Entry', 'First entry summary'],
    ['entry-002', 'Second Entry', 'Second entry summary'],
  ]),
  'entry_summary.json': (f) => assert.equal(f.entries[0].summary, 'This is a summary of the entry'),
  'entry_tags.json': (f) => assert.deepEqual(f.entries[0].categories.map((c) => c.term), ['technology', 'programming', 'json']),
  'entry_title.json': (f) => assert.equal(f.entries[0].title, 'Entry Title'),
  'entry_url.json': (f) => assert.equal(f.entries[0].link, 'https://example.com/entry-001'),
  'feed_authors.json': (f) => assert.deepEqual(f.authors, [{ name: 'Author One' }, { name: 'Author Two' }]),
  'feed_authors_name.json': (f) => assert.deepEqual(f.authors, [{ name: 'Example author' }]),
  'feed_authors_url.json': (f) => assert.deepEqual(f.authors, [{ name: 'Example author', uri: 'http://example.com/' }]),
  'feed_description.json': (f) => assert.equal(f.description, 'Example JSON'),
  'feed_favicon.json': (f) => assert.equal(f.icon, 'http://www.example.com/favicon.ico'),
  'feed_feed_url.json': (f) => assert.equal(f.feedUrl, 'http://www.example.com/feed.json'),
  'feed_home_page_url.json': (f) => assert.equal(f.siteUrl, 'http://www.example.com/'),
  'feed_icon.json': (f) => assert.equal(f.image, 'http://www.example.com/favicon.ico'),
  'feed_language.json': (f) => assert.equal(f.language, 'en'),
  'feed_title.json': (f) => assert.equal(f.title, 'Example JSON'),
  'meta_version_11.json': (f) => assert.deepEqual([f.format, f.version], ['json', 'json11']),
};

describe('JSON Feed 1.1 fixtures (universal_feed)', { skip: missing ?? false }, () => {
  test('every fixture has an expectation', () => {
    assert.deepEqual(readdirSync(dir).sort(), Object.keys(EXPECT).sort());
  });
  for (const [file, check] of Object.entries(EXPECT)) {
    test(file, () => check(parseFeed(new Uint8Array(readFileSync(dir + file)))));
  }
});
