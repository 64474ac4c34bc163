import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { ScoringLease } from '../jobs/scoring-lease.ts';
import { startScoring } from '../jobs/scoring.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { addInterest } from './interests.ts';
import { subscribe } from './subscriptions.ts';

const config = { allowPrivateNetworks: true, maxBodyBytes: 1 << 20, fetchTimeoutMs: 5000, fetchConcurrency: 4, fetchConcurrencyPerHost: 2 };

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Motors</title><link>https://motors.example/</link>
<item><guid>1</guid><title>Verstappen wins the Brazilian Grand Prix</title><link>https://motors.example/f1</link>
<description>The Formula One world champion won the race in São Paulo after a late safety car; Red Bull and McLaren drivers battled for the podium.</description></item>
<item><guid>2</guid><title>Choosing a camper van for winter</title><link>https://motors.example/van</link>
<description>Insulation, a diesel heater and good tyres matter most when you sleep in a van through the cold months.</description></item>
</channel></rss>`;

test('subscribing tells the scoring service: the first fetch’s posts are matched', async () => {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const store = openSqliteStore(':memory:');
  const scoring = startScoring(store, {});
  try {
    const user = await store.defaultUser();
    const ctx = { store, config, scoring: scoring.hooks };
    const f1 = await addInterest(ctx, user, { name: 'Formula One racing', keywords: 'F1, grand prix' });
    assert.equal((await store.matchesFor([f1.id])).length, 0, 'no posts yet');
    await subscribe(ctx, user, `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`);
    // A running service scores them within milliseconds, before subscribe answers; this waits for it
    // all the same (calls run in order), so a slow machine does not fail the test.
    await scoring.hooks.postsAdded([]);
    const matches = await store.matchesFor([f1.id], { aboveThresholdOnly: true });
    const titles = (await store.posts({ ids: matches.map((m) => m.postId) })).map((p) => p.title);
    assert.deepEqual(titles, ['Verstappen wins the Brazilian Grand Prix']);
  } finally {
    await scoring.close();
    await store.close();
    server.close();
  }
});

test('with a service not ready (a first replay, or waiting for the scoring lease) subscribe answers after the fetch and the posts are scored after', async () => {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const store = openSqliteStore(':memory:');
  const lease = { heartbeatMs: 50, staleMs: 2_000, retryMs: 20 };
  // Another process (a CLI command) scores this data directory: the server's service waits for it.
  const command = await ScoringLease.acquire(store, 'command', lease);
  const warnings: string[] = [];
  const scoring = startScoring(store, { lease });
  try {
    const user = await store.defaultUser();
    const f1 = await store.addInterest(user.id, { name: 'Formula One racing', keywords: ['F1', 'grand prix'] });
    const ctx = { store, config, scoring: scoring.hooks, warn: (m: string) => warnings.push(m) };
    const { firstFetch } = await subscribe(ctx, user, `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`);
    assert.equal(firstFetch?.newPosts, 2, 'the posts are stored');
    assert.equal((await store.matchesFor([f1.id])).length, 0, 'not scored yet: the service has not started');
    await command.release();
    await scoring.hooks.postsAdded([]);
    const matches = await store.matchesFor([f1.id], { aboveThresholdOnly: true });
    const titles = (await store.posts({ ids: matches.map((m) => m.postId) })).map((p) => p.title);
    assert.deepEqual(titles, ['Verstappen wins the Brazilian Grand Prix']);
    assert.deepEqual(warnings, []);
  } finally {
    await command.release();
    await scoring.close();
    await store.close();
    server.close();
  }
});
