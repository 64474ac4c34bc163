import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { refreshFeeds, type RefreshConfig } from './refresh.ts';

const config: RefreshConfig = {
  allowPrivateNetworks: true,
  maxBodyBytes: 1024 * 1024,
  fetchTimeoutMs: 5000,
  fetchConcurrency: 8,
  fetchConcurrencyPerHost: 4,
};

function rss(items: { id: string; title: string; body: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test &amp; Feed</title><link>https://site.example/</link>
${items
  .map(
    (i) => `<item><guid>${i.id}</guid><title>${i.title}</title><link>https://site.example/${i.id}?utm_source=rss</link>
<pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate><description><![CDATA[${i.body}]]></description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

describe('refreshFeeds against a local server', () => {
  let server: Server;
  let base: string;
  let store: Store;
  let items = [
    { id: 'a', title: 'First post', body: '<p>Hello <script>alert(1)</script>world of feeds and readers</p>' },
    { id: 'b', title: 'Second post', body: '<p>Another thing entirely about gardening tomatoes</p>' },
  ];
  let served = 0;

  before(async () => {
    server = createServer((req, res) => {
      served++;
      if (req.url === '/feed.xml') {
        const etag = `"v${items.length}-${items[0].title.length}"`;
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss(items));
      } else if (req.url === '/broken') {
        res.writeHead(500).end('oops');
      } else if (req.url === '/gone') {
        res.writeHead(410).end();
      } else if (req.url === '/busy') {
        res.writeHead(429, { 'retry-after': '7200' }).end();
      } else if (req.url === '/summaries.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(rss([{ id: 'article', title: 'Summary only', body: 'A teaser.' }]).replaceAll('https://site.example/article?utm_source=rss', `${base}/article`));
      } else if (req.url === '/article') {
        res.writeHead(200, { 'content-type': 'text/html' });
        const para = '<p>The whole article text is long enough for Readability to take it as the main content of the page. </p>';
        res.end(`<html><head><title>Article</title></head><body><nav>menu</nav><article><h1>Summary only</h1>${para.repeat(12)}</article></body></html>`);
      } else if (req.url === '/not-a-feed') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hi</body></html>');
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    store = openSqliteStore(':memory:');
  });
  after(async () => {
    await store.close();
    server.close();
  });

  it('fetches, parses, cleans and stores; failures are recorded and stop nothing', async () => {
    const user = await store.defaultUser();
    const good = (await store.subscribe(user.id, { url: `${base}/feed.xml` })).feed;
    const broken = (await store.subscribe(user.id, { url: `${base}/broken` })).feed;
    const gone = (await store.subscribe(user.id, { url: `${base}/gone` })).feed;
    const html = (await store.subscribe(user.id, { url: `${base}/not-a-feed` })).feed;

    const first = await refreshFeeds(store, config, { all: true });
    assert.equal(first.feeds, 4);
    assert.equal(first.fetched, 1);
    assert.equal(first.failed, 3);
    assert.equal(first.newPosts, 2);

    const posts = await store.posts({ feedId: good.id });
    assert.deepEqual(posts.map((p) => p.title).sort(), ['First post', 'Second post']);
    const a = posts.find((p) => p.title === 'First post');
    assert.equal(a?.url, 'https://site.example/a', 'tracking parameters are stripped');
    assert.doesNotMatch(a?.contentHtml ?? '', /script/i, 'content is sanitized');
    assert.match(a?.text ?? '', /Hello\s+world/);
    assert.equal((await store.feedById(good.id))?.title, 'Test & Feed');

    const b = await store.feedById(broken.id);
    assert.equal(b?.status, 'error');
    assert.match(b?.lastError ?? '', /500/);
    assert.ok((b?.nextFetchAt.getTime() ?? 0) > Date.now(), 'a failed feed backs off');
    assert.equal((await store.feedById(gone.id))?.status, 'disabled');
    const h = await store.feedById(html.id);
    assert.equal(h?.status, 'error');
    assert.ok(h?.lastError, 'a page that is not a feed says so');

    const second = await refreshFeeds(store, config, { all: true });
    assert.equal(second.feeds, 3, 'the gone feed is no longer fetched');
    assert.equal(second.notModified, 1);
    assert.equal(second.newPosts, 0);

    items = [{ id: 'c', title: 'Third post', body: '<p>Brand new writing on bicycles</p>' }, ...items];
    const third = await refreshFeeds(store, config, { feedIds: [good.id] });
    assert.equal(third.feeds, 1);
    assert.equal(third.newPosts, 1);
    assert.equal((await store.posts({ feedId: good.id })).length, 3);
    assert.ok(served > 0);

    // A corrected title is an edit: the post is counted as updated and edited (scored again).
    items = [{ ...items[0], title: 'Third post, corrected' }, ...items.slice(1)];
    const fourth = await refreshFeeds(store, config, { feedIds: [good.id] });
    assert.deepEqual([fourth.newPosts, fourth.updatedPosts, fourth.editedPosts], [0, 1, 1]);
  });

  it('honours Retry-After and extracts full text for summary-only feeds', async () => {
    const user = await store.defaultUser();
    const busy = (await store.subscribe(user.id, { url: `${base}/busy` })).feed;
    const summaries = (await store.subscribe(user.id, { url: `${base}/summaries.xml`, fullText: true })).feed;
    await refreshFeeds(store, config, { feedIds: [busy.id, summaries.id] });
    const b = await store.feedById(busy.id);
    assert.equal(b?.httpStatus, 429);
    assert.ok((b?.nextFetchAt.getTime() ?? 0) >= Date.now() + 7000 * 1000, 'not retried before the server asked');
    const [post] = await store.posts({ feedId: summaries.id });
    assert.match(post.text, /whole article text/);
    assert.doesNotMatch(post.contentHtml, /menu/);
  });

  it('only fetches feeds that are due unless asked for all', async () => {
    const due = await refreshFeeds(store, config);
    assert.equal(due.feeds, 0, 'everything was just fetched and scheduled for later');
  });
});
