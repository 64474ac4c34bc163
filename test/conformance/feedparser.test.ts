import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedFeed } from '../../src/parse/entry.ts';
import { readHeader, runFeedparserSuite, type FeedparserCase } from './feedparser.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

function testCase(file: string, expects: string[], headers: Record<string, string> = {}): FeedparserCase {
  return { file, expects, headers, body: bytes('<rss/>') };
}

const feed = (title: string): ParsedFeed => ({ format: 'rss', version: 'rss20', title, authors: [], encoding: 'utf-8', issues: [], entries: [] });

test('reads the header comment, JSON __TEST__ and UTF-16 files', () => {
  const xml = readHeader(bytes('<!--\nHeader: Content-type: text/xml\nDescription: d\nExpect: not bozo and version == \'rss20\'\n-->\n<rss/>'));
  assert.deepEqual(xml.expects, ["not bozo and version == 'rss20'"]);
  assert.equal(xml.headers['content-type'], 'text/xml');
  const json = readHeader(bytes('{"__TEST__": "Description: x Expect: not bozo and len(entries) == 2 -->", "items": []}'));
  assert.deepEqual(json.expects, ['not bozo and len(entries) == 2']);
  const wide = new Uint8Array([...new TextEncoder().encode('<!-- Expect: bozo -->')].flatMap((b) => [b, 0]));
  assert.deepEqual(readHeader(wide).expects, ['bozo']);
});

test('passes, fails, skips and throwing parsers are counted apart', () => {
  const cases = [
    testCase('a.xml', ["feed['title'] == 'T'"]),
    testCase('b.xml', ["feed['title'] == 'nope'"]),
    testCase('c.xml', ["feed['cloud']['domain'] == 'x'"]),
    testCase('d.xml', ["feed['nonexistent'] == 'x'"]),
  ];
  const r = runFeedparserSuite(() => feed('T'), cases);
  assert.deepEqual([r.passed, r.failed, r.skipped], [1, 2, 1]);
  assert.deepEqual(r.failures.map((f) => f.file), ['b.xml', 'd.xml']);
  const thrown = runFeedparserSuite(() => {
    throw new Error('boom');
  }, cases);
  assert.deepEqual([thrown.passed, thrown.failed, thrown.skipped], [0, 4, 0]);
});

test('Content-Type and Content-Location reach the parser', () => {
  let seen: { url?: string; contentType?: string } = {};
  runFeedparserSuite(
    (_body, opts) => {
      seen = opts;
      return feed('T');
    },
    [testCase('http/x.xml', ['bozo'], { 'content-type': 'application/xml', 'content-location': '/feed/pg.cgi' })],
  );
  assert.deepEqual(seen, { url: 'http://127.0.0.1:8097/feed/pg.cgi', contentType: 'application/xml' });
});
