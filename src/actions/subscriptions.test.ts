import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store, User } from '../store/store.ts';
import type { ActionContext } from './context.ts';
import { ActionError } from './errors.ts';
import { giveFeedback } from './feedback.ts';
import { feedItemJson, readFeed } from './feed.ts';
import { addInterest } from './interests.ts';
import { exportOpml, importOpml, subscribe, subscriptionUrl, unsubscribe } from './subscriptions.ts';

const config = { allowPrivateNetworks: true, maxBodyBytes: 1 << 20, fetchTimeoutMs: 5000, fetchConcurrency: 4, fetchConcurrencyPerHost: 2 };
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof ActionError ? e.code : String(e)));

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Motors</title><link>https://motors.example/</link>
<item><guid>1</guid><title>Verstappen wins the Brazilian Grand Prix</title><link>https://motors.example/f1</link>
<pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate><description>The Formula One world champion won the race in São Paulo after a late safety car; Red Bull and McLaren drivers battled for the podium.</description></item>
<item><guid>2</guid><title>Choosing a camper van for winter</title><link>https://motors.example/van</link>
<pubDate>Sat, 21 Nov 2026 09:00:00 GMT</pubDate><description>Insulation, a diesel heater and good tyres matter most when you sleep in a van through the cold months.</description></item>
</channel></rss>`;

describe('subscription, feedback and feed actions against a local server', () => {
  let server: Server;
  let base: string;
  let store: Store;
  let ctx: ActionContext;
  let ann: User;
  let bea: User;

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/feed.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
      else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>');
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    store = openSqliteStore(':memory:');
    ctx = { store, config };
    ann = await store.createUser('ann', 'h');
    bea = await store.createUser('bea', 'h');
  });
  after(async () => {
    await store.close();
    server.close();
  });

  it('subscribes through discovery and fetches at once', async () => {
    const first = await subscribe(ctx, ann, `${base}/`, { category: 'Cars' });
    assert.equal(first.feed.url, `${base}/feed.xml`);
    assert.equal(first.created, true);
    assert.equal(first.firstFetch?.newPosts, 2);
    assert.equal((await store.subscriptions(ann.id))[0].category, 'Cars');
    assert.equal((await subscribe(ctx, ann, `${base}/feed.xml`)).created, false);
    assert.equal(await code(subscribe(ctx, ann, `${base}/nothing`)), 'unreachable');
    assert.equal(await code(subscribe(ctx, ann, 'ftp://example.com/feed')), 'invalid');
    assert.equal(subscriptionUrl('example.com/feed'), 'https://example.com/feed');
  });

  it('ranks the matching post first, takes feedback, and keeps read state per user', async () => {
    const f1 = await addInterest(ctx, ann, { name: 'Formula One racing', keywords: 'F1, grand prix' });
    let feed = await readFeed(ctx, ann, { includeHidden: true });
    const top = feed.items[0];
    assert.match(top.post.title, /Grand Prix/);
    assert.equal(top.interest, 'Formula One racing');
    assert.equal(top.read, false);
    const json = feedItemJson(top);
    assert.equal(json.id, top.postId);
    assert.ok(json.terms.length > 0);

    // Stored matches reach down to threshold − 1 only: an unrelated post has none, so take it from the posts.
    const van = (await store.posts({ limit: 100 })).map((p) => ({ postId: p.id, post: p })).find((i) => /camper/.test(i.post.title));
    assert.ok(van);
    await giveFeedback(ctx, ann, van.postId, 'offtopic', f1.id);
    feed = await readFeed(ctx, ann);
    assert.equal(feed.items.some((i) => i.postId === van.postId), false, 'an off-topic post leaves the feed');
    feed = await readFeed(ctx, ann, { includeHidden: true });
    assert.ok((await store.postStates(ann.id, [van.postId])).get(van.postId)?.readAt, 'a verdict marks the post read');

    assert.equal(await code(giveFeedback(ctx, ann, 999_999, 'like')), 'not_found');
    assert.equal(await code(giveFeedback(ctx, bea, top.postId, 'like', f1.id)), 'not_found', 'not bea’s interest');
    assert.equal(await code(readFeed(ctx, ann, { interest: 'Cooking' })), 'not_found');
  });

  it('imports and exports OPML, and unsubscribes only from own feeds', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="Tech"><outline type="rss" text="A" xmlUrl="https://a.example/feed"/><outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/></outline>
<outline type="rss" text="Motors" xmlUrl="${base}/feed.xml"/></body></opml>`;
    const progress: number[] = [];
    let refreshAsked = 0;
    const refreshing = { ...ctx, refreshSoon: () => void refreshAsked++ };
    const imported = await importOpml(refreshing, bea, opml, (done) => progress.push(done));
    assert.equal(imported.feeds.length, 2, 'the javascript: outline is not a feed');
    assert.equal(imported.added, 2);
    assert.deepEqual(progress, [1, 2]);
    assert.equal(refreshAsked, 1, 'the new feeds are fetched now, not at the next tick');
    assert.equal((await importOpml(refreshing, bea, opml)).added, 0);
    assert.equal(refreshAsked, 1, 'nothing new: no refresh asked');
    assert.equal(await code(importOpml(ctx, bea, '<opml><body>')), 'invalid');
    const exported = await exportOpml(ctx, bea);
    assert.match(exported, /https:\/\/a\.example\/feed/);
    assert.match(exported, /text="Tech"/);

    const motors = (await store.subscriptions(ann.id))[0].feed;
    const a = (await store.subscriptions(bea.id)).find((s) => s.feed.url === 'https://a.example/feed');
    assert.ok(a);
    assert.equal(await code(unsubscribe(ctx, ann, a.feed.id)), 'not_found');
    assert.equal((await unsubscribe(ctx, ann, motors.id)).feed.id, motors.id);
    assert.equal((await store.subscriptions(bea.id)).length, 2, 'bea still follows hers');
  });
});
