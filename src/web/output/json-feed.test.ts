import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from '../../parse/index.ts';
import { HOSTILE_TITLE, sampleFeed } from './format.fixture.ts';
import { formatJsonFeed } from './json-feed.ts';

const SELF = 'https://reader.example/out/secret-token/interests/7.json';

describe('output feeds: JSON Feed 1.1', () => {
  it('has the fields the spec requires: version, title, items with id and content', () => {
    const doc = JSON.parse(formatJsonFeed(sampleFeed, SELF));
    assert.equal(doc.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(doc.title, sampleFeed.title);
    assert.equal(doc.feed_url, SELF);
    assert.equal(doc.home_page_url, 'https://reader.example/');
    assert.deepEqual(doc.authors, [{ name: 'ann' }]);
    for (const item of doc.items) {
      assert.equal(typeof item.id, 'string');
      assert.equal(typeof item.content_html, 'string', 'content_html or content_text is required');
      assert.ok(!Number.isNaN(Date.parse(item.date_modified)));
    }
    assert.deepEqual(doc.items[0].tags, ['Formula One', 'Cars & vans']);
    assert.deepEqual(doc.items[0]._sluice, { interest: 'Formula One', score: 4.25, source: 'Motors & more' });
    assert.equal('url' in doc.items[1], false, 'absent fields are left out, not null');
    assert.equal('date_published' in doc.items[1], false);
  });

  it('parses back with our own parser, without a single issue', () => {
    const parsed = parseFeed(formatJsonFeed(sampleFeed, SELF));
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.format, 'json');
    assert.equal(parsed.version, 'json11');
    assert.equal(parsed.title, sampleFeed.title);
    assert.equal(parsed.feedUrl, SELF);
    const [first, second] = parsed.entries;
    assert.equal(first.id, 'tag:reader.example,2026-11-21:post/12');
    assert.equal(first.title, HOSTILE_TITLE);
    assert.equal(first.link, 'https://motors.example/f1?a=1&b=2');
    assert.equal(first.content, sampleFeed.items[0].contentHtml);
    assert.deepEqual(first.published, new Date('2026-11-21T10:00:00Z'));
    assert.deepEqual(second.updated, new Date('2026-11-20T08:30:00Z'));
  });
});
