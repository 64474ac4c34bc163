import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it, test } from 'node:test';
import { formatOpml, OpmlError, parseOpml } from './opml.ts';

describe('parseOpml', () => {
  it('reads feeds, folders as categories, and ignores non-feed outlines', () => {
    const feeds = parseOpml(`<?xml version="1.0"?>
<opml version="2.0"><head><title>Mine</title></head><body>
  <outline text="Loose" xmlUrl="https://loose.example/feed" htmlUrl="https://loose.example/"/>
  <outline text="Tech">
    <outline text="Deep">
      <outline type="rss" title="Nested" text="n" xmlUrl="https://nested.example/rss"/>
    </outline>
    <outline type="rss" text="Blog &amp; Co" xmlUrl="https://blog.example/atom.xml"/>
  </outline>
  <outline text="A link, not a feed" url="javascript:alert(1)"/>
</body></opml>`);
    assert.deepEqual(feeds, [
      { url: 'https://loose.example/feed', title: 'Loose', siteUrl: 'https://loose.example/', category: undefined },
      { url: 'https://nested.example/rss', title: 'Nested', siteUrl: undefined, category: 'Deep' },
      { url: 'https://blog.example/atom.xml', title: 'Blog & Co', siteUrl: undefined, category: 'Tech' },
    ]);
  });

  it('rejects a malformed file naming the line that is wrong', () => {
    const bad = '<?xml version="1.0"?>\n<opml version="2.0">\n<body>\n<outline text="A" xmlUrl="https://a.example/"></outlin>\n</body></opml>';
    assert.throws(() => parseOpml(bad), (err: unknown) => err instanceof OpmlError && err.line === 4 && /line 4/.test(err.message));
    assert.throws(() => parseOpml('<opml><body><outline xmlUrl="https://a.example/">'), OpmlError);
  });

  it('rejects files that are not OPML at all', () => {
    assert.throws(() => parseOpml(''), /empty/);
    assert.throws(() => parseOpml('<rss version="2.0"><channel/></rss>'), /root element is <rss>/);
  });

  it('round-trips through formatOpml', () => {
    const feeds = [
      { url: 'https://a.example/feed?x=1&y=2', title: 'A "quoted" <feed>', siteUrl: 'https://a.example/', category: undefined },
      { url: 'https://b.example/rss', title: 'B', siteUrl: undefined, category: 'News & Views' },
    ];
    assert.deepEqual(parseOpml(formatOpml('Sluice subscriptions', feeds)), feeds);
  });

  const corpus = new URL('../../../shared/corpora/hn-popular-blogs/', import.meta.url);
  it('imports the HN popular blogs OPML', { skip: !existsSync(corpus) && 'corpora absent: ../shared/corpora' }, () => {
    const file = readdirSync(corpus).find((f) => f.endsWith('.opml'));
    assert.ok(file, 'an .opml file in hn-popular-blogs');
    const xml = readFileSync(new URL(file, corpus), 'utf8');
    const feeds = parseOpml(xml);
    assert.equal(feeds.length, (xml.match(/xmlUrl=/gi) ?? []).length);
    assert.ok(feeds.length >= 90);
    for (const f of feeds) assert.match(f.url, /^https?:\/\//);
  });
});

test('formatOpml drops control characters a feed title may carry, so the export stays readable', () => {
  const xml = formatOpml('Mine', [{ url: 'https://a.example/feed', title: 'Bell\u0007 and nul\u0000 "quoted" <b>' }]);
  const [feed] = parseOpml(xml);
  assert.equal(feed.title, 'Bell and nul "quoted" <b>');
});
