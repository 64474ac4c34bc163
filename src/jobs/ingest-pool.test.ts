import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ingest } from './ingest.ts';
import { createIngestPool } from './ingest-pool.ts';

const rss = new TextEncoder().encode(`<?xml version="1.0"?><rss version="2.0"><channel><title>T &amp; U</title><link>https://x.example/</link>
<item><guid>1</guid><title>One</title><link>https://x.example/1?utm_source=a</link><pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;Hi &lt;script&gt;x()&lt;/script&gt;there&lt;/p&gt;</description></item>
<item><guid>2</guid><title>Two</title><link>https://x.example/2</link><description>Second</description></item>
</channel></rss>`);

describe('ingest pool', () => {
  it('gives on a worker thread exactly what ingest gives inline', async () => {
    const pool = createIngestPool(1);
    const input = { body: rss, url: 'https://x.example/feed', known: new Map<string, string>() };
    const inline = ingest(input);
    const threaded = await pool.run(input);
    assert.deepEqual(threaded, inline);
    assert.equal(threaded.title, 'T & U');
    assert.equal(threaded.posts.length, 2);
    assert.equal(threaded.posts[0].url, 'https://x.example/1');
    assert.ok(threaded.posts[0].published instanceof Date);
    // Entries stored unchanged are not cleaned again.
    const again = await pool.run({ ...input, known: threaded.entryHashes });
    assert.equal(again.posts.length, 0);
    await pool.close();
  });

  it('passes errors back with their name and message', async () => {
    const pool = createIngestPool(1);
    await assert.rejects(pool.run({ body: new TextEncoder().encode('<html><body>no feed</body></html>'), url: 'https://x.example/', known: new Map() }), (err: Error) => {
      assert.equal(err.name, 'NotAFeedError');
      return true;
    });
    await pool.close();
    const inline = createIngestPool(0);
    assert.equal((await inline.run({ body: rss, url: 'https://x.example/feed', known: new Map() })).posts.length, 2);
  });
});
