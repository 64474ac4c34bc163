import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from '../../parse/index.ts';
import { formatAtom } from './atom.ts';
import { HOSTILE_TITLE, sampleFeed } from './format.fixture.ts';

const SELF = 'https://reader.example/out/secret-token/interests/7.atom';

describe('output feeds: Atom 1.0', () => {
  it('parses back with our own parser, without a single issue, every required field in place', () => {
    const parsed = parseFeed(formatAtom(sampleFeed, SELF));
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.format, 'atom');
    assert.equal(parsed.id, sampleFeed.id);
    assert.equal(parsed.title, 'F1 & <friends> · Sluice');
    assert.deepEqual(parsed.updated, sampleFeed.updated);
    assert.equal(parsed.feedUrl, SELF);
    assert.equal(parsed.siteUrl, 'https://reader.example/');
    assert.equal(parsed.authors[0].name, 'ann');
    assert.equal(parsed.entries.length, 2);

    const [first, second] = parsed.entries;
    assert.equal(first.id, 'tag:reader.example,2026-11-21:post/12');
    assert.equal(first.idFromFeed, true);
    assert.equal(first.title, HOSTILE_TITLE.replace('\u0007', ''), 'markup kept as text; only the control character is dropped');
    assert.equal(first.link, 'https://motors.example/f1?a=1&b=2');
    assert.deepEqual(first.updated, new Date('2026-11-21T10:00:00Z'));
    assert.deepEqual(first.published, new Date('2026-11-21T10:00:00Z'));
    assert.equal(first.content, sampleFeed.items[0].contentHtml);
    assert.equal(first.contentType, 'html');
    assert.deepEqual(first.authors.map((a) => a.name), ['Ada <ada@example.com>']);
    assert.deepEqual(first.categories.map((c) => c.term), ['Formula One', 'Cars & vans']);

    assert.equal(second.id, 'tag:reader.example,2026-11-20:post/13');
    assert.equal(second.link, undefined);
    assert.deepEqual(second.updated, new Date('2026-11-20T08:30:00Z'));
  });

  it('writes no raw markup from the data into the document', () => {
    const xml = formatAtom(sampleFeed, SELF);
    assert.doesNotMatch(xml, /<script|<b>|<p>/);
    assert.doesNotMatch(xml, /\u0007/);
    assert.match(xml, /<title type="text">Ferrari &amp; McLaren &lt;script&gt;/);
  });
});
