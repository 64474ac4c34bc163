// toPost on entries from the real parser (parse/index.ts): URLs resolve the way the parser leaves them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from '../parse/index.ts';
import { toPost } from './to-post.ts';

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
  <title>Blog</title><link>https://blog.example.com/</link>
  <item>
    <title>Trams &amp;amp; buses</title>
    <link>https://blog.example.com/2024/03/trams/?utm_source=rss</link>
    <guid>https://blog.example.com/?p=1</guid>
    <description><![CDATA[<p>See <img src="img/tram.jpg" alt="tram"> and <a href="/fleet">the fleet</a>.</p><script>x()</script>]]></description>
    <enclosure url="/audio/ep1.mp3" type="audio/mpeg" length="1000"/>
  </item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://site.example/base/">
  <title>Site</title><id>urn:site</id><updated>2024-03-01T00:00:00Z</updated>
  <entry>
    <title type="html">A &lt;em&gt;post&lt;/em&gt;</title>
    <id>urn:post:1</id><updated>2024-03-01T00:00:00Z</updated>
    <link href="posts/1"/>
    <content type="html" xml:base="https://cdn.example/media/">&lt;img src="pic.png" alt=""&gt;&lt;p&gt;Body&lt;/p&gt;</content>
  </entry>
</feed>`;

test('RSS without xml:base: content resolves against the entry link, the link against the feed', () => {
  for (const url of ['https://feeds.example.com/blog', 'https://FEEDS.example.com:443/blog']) {
    const parsed = parseFeed(RSS, { url });
    const post = toPost(parsed.entries[0], { url, siteUrl: parsed.siteUrl });
    assert.equal(post.title, 'Trams & buses');
    assert.equal(post.url, 'https://blog.example.com/2024/03/trams/');
    assert.equal(
      post.contentHtml,
      '<p>See <img src="https://blog.example.com/2024/03/trams/img/tram.jpg" alt="tram" /> and ' +
        '<a href="https://blog.example.com/fleet" rel="noopener noreferrer" target="_blank">the fleet</a>.</p>',
      url,
    );
    assert.equal(post.enclosures[0].url, 'https://feeds.example.com/audio/ep1.mp3');
  }
});

test('Atom xml:base: the content element’s own base wins, the entry link uses the feed’s', () => {
  const url = 'https://site.example/feed.atom';
  const parsed = parseFeed(ATOM, { url });
  const post = toPost(parsed.entries[0], { url, siteUrl: parsed.siteUrl });
  assert.equal(post.title, 'A post');
  assert.equal(post.link, 'https://site.example/base/posts/1');
  assert.equal(post.contentHtml, '<img src="https://cdn.example/media/pic.png" alt="" /><p>Body</p>');
});
