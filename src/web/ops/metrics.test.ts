// The Metrics object fed by real work: a refresh against a local feed server, and the scoring
// service's hooks timed.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { ScoringService } from '../../jobs/scoring.ts';
import { refreshFeeds } from '../../jobs/refresh.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { Metrics, timedScoringHooks } from './metrics.ts';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><guid>a</guid><title>Tomatoes in autumn</title><description>Gardening notes on tomatoes.</description></item>
<item><guid>b</guid><title>Compilers for beginners</title><description>Parsing, types and code generation.</description></item>
</channel></rss>`;

/** The value of one sample line of the exposition text. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  assert.ok(line, `no sample ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

describe('Metrics', () => {
  it('counts fetches by outcome and posts ingested from a refresh summary', async () => {
    const server = createServer((req, res) => {
      if (req.url !== '/feed.xml') res.writeHead(500).end('down');
      else if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(RSS);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const store = openSqliteStore(':memory:');
    const user = await store.defaultUser();
    await store.subscribe(user.id, { url: `${base}/feed.xml` });
    await store.subscribe(user.id, { url: `${base}/down.xml` });
    const config = { allowPrivateNetworks: true, maxBodyBytes: 1 << 20, fetchTimeoutMs: 5000, fetchConcurrency: 4, fetchConcurrencyPerHost: 2 };
    const metrics = new Metrics({ processMetrics: false });
    try {
      metrics.recordRefresh(await refreshFeeds(store, config));
      metrics.recordRefresh(await refreshFeeds(store, config, { all: true }));
    } finally {
      server.close();
      await store.close();
    }
    const text = await metrics.text();
    assert.equal(sample(text, 'sluice_fetches_total{outcome="fetched"}'), 1);
    assert.equal(sample(text, 'sluice_fetches_total{outcome="not_modified"}'), 1, 'the second fetch sent the ETag back');
    assert.equal(sample(text, 'sluice_fetches_total{outcome="failed"}'), 2);
    assert.equal(sample(text, 'sluice_posts_ingested_total'), 2);
    assert.equal(sample(text, 'sluice_refresh_duration_seconds_count'), 2);
  });

  it('times the scoring service’s calls by task and counts the posts handed to it', async () => {
    const store = openSqliteStore(':memory:');
    const user = await store.defaultUser();
    const service = await ScoringService.start(store);
    const metrics = new Metrics({ processMetrics: false });
    try {
      const hooks = timedScoringHooks(service, metrics);
      const interest = await store.addInterest(user.id, { name: 'Gardening', keywords: ['tomatoes', 'compost'] });
      await hooks.interestChanged(interest.id);
      await hooks.postsAdded([1, 2, 3]);
      await hooks.feedbackChanged(user.id, undefined);
      await service.close();
      // A call that fails (the service is closed) is timed all the same, and still fails.
      await assert.rejects(hooks.interestRemoved(interest.id), /after close/);
    } finally {
      await store.close();
    }
    const text = await metrics.text();
    for (const task of ['interest_changed', 'posts_added', 'feedback_changed', 'interest_removed']) {
      assert.equal(sample(text, `sluice_scoring_duration_seconds_count{task="${task}"}`), 1, task);
    }
    assert.equal(sample(text, 'sluice_posts_scored_total'), 3);
  });

  it('collects the process metrics unless told not to', async () => {
    assert.match(await new Metrics().text(), /process_cpu_user_seconds_total|nodejs_eventloop_lag_seconds/);
    assert.doesNotMatch(await new Metrics({ processMetrics: false }).text(), /process_cpu_user_seconds_total/);
  });
});
