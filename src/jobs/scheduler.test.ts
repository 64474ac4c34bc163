import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { BuiltinEmbedder } from '../embed/builtin.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { embedRecentPosts } from './post-vectors.ts';
import { startRefreshScheduler } from './scheduler.ts';
import type { RefreshSummary } from './refresh.ts';

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><guid>1</guid><title>Rugby final tonight</title><link>https://x.example/1</link><description>The match kicks off at eight.</description></item>
</channel></rss>`;

describe('background refresh', () => {
  it('refreshes due feeds on start, then embeds the new posts; stop waits for the run in flight', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const store = openSqliteStore(':memory:');
    const user = await store.defaultUser();
    await store.subscribe(user.id, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed` });
    const embedder = new BuiltinEmbedder();
    const runs: RefreshSummary[] = [];
    let embedded = -1;
    const done = new Promise<void>((resolve) => {
      const scheduler = startRefreshScheduler(
        store,
        { allowPrivateNetworks: true, maxBodyBytes: 1e6, fetchTimeoutMs: 5000, fetchConcurrency: 4, fetchConcurrencyPerHost: 2 },
        {
          intervalMs: 3_600_000,
          onRun: async (s) => {
            runs.push(s);
            embedded = await embedRecentPosts(store, embedder, new Date(0));
            void scheduler.stop().then(resolve);
          },
        },
      );
    });
    await done;
    assert.equal(runs.length, 1);
    assert.equal(runs[0].newPosts, 1);
    assert.equal(embedded, 1);
    const [post] = await store.posts();
    assert.equal((await store.postVectors(embedder.id, [post.id])).get(post.id)?.length, embedder.dims);
    assert.equal(await embedRecentPosts(store, embedder, new Date(0)), 0, 'vectors are computed once');
    await store.close();
    server.close();
  });

  it('refreshSoon runs what is due now; asked during a run, one more run follows it', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const server = createServer(async (req, res) => {
      if (req.url === '/slow') await slow; // holds the first run in flight
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss.replace(/1</g, `${req.url}<`)); // a post of its own per feed
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const store = openSqliteStore(':memory:');
    const user = await store.defaultUser();
    await store.subscribe(user.id, { url: `${base}/slow` });
    const runs: RefreshSummary[] = [];
    let twoRuns!: () => void;
    const ranTwice = new Promise<void>((r) => (twoRuns = r));
    const scheduler = startRefreshScheduler(
      store,
      { allowPrivateNetworks: true, maxBodyBytes: 1e6, fetchTimeoutMs: 5000, fetchConcurrency: 4, fetchConcurrencyPerHost: 2 },
      { intervalMs: 3_600_000, onRun: (s) => void (runs.push(s) === 2 && twoRuns()) },
    );
    // While the first run waits on /slow, a feed is added (as an OPML import does) and a run asked for, twice.
    await store.subscribe(user.id, { url: `${base}/imported` });
    scheduler.refreshSoon();
    scheduler.refreshSoon();
    release();
    await ranTwice;
    await new Promise((r) => setTimeout(r, 50)); // time for a third run, if the two asks made two
    await scheduler.stop();
    assert.equal(runs.length, 2, 'the two asks during one run make one more run');
    assert.equal(runs[0].newPosts + runs[1].newPosts, 2, 'both feeds were fetched without waiting for the next tick');
    assert.equal(runs[1].fetched >= 1, true);
    scheduler.refreshSoon(); // after stop: nothing runs
    assert.equal(runs.length, 2);
    await store.close();
    server.close();
  });
});
