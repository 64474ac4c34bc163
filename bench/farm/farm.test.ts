// The farm is a benchmark fixture, but the refresh job's tests rely on it too: check it behaves as described.
// Run: node --test bench/farm/farm.test.ts (not part of `npm test`, which runs src/ and test/).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAgents, ConnectionError, fetchFeed, GoneError, HttpStatusError, TimeoutError } from '../../src/fetch/index.ts';
import type { FeedKind } from './behaviour.ts';
import { farmHostOf, farmPath } from './feed-urls.ts';
import { startFarm, type Farm } from './server.ts';

let farm: Farm;
const local = { allowPrivateNetworks: true, timeoutMs: 1500 };
const feedUrls = Array.from({ length: 5000 }, (_, i) => `https://blog${i}.example/feed.xml`);

before(async () => {
  farm = await startFarm({ feedUrls });
});
after(async () => {
  await closeAgents();
  await farm.close();
});

function first(kind: FeedKind): string {
  const url = farm.urls.find((u) => farm.behaviour(u)?.kind === kind);
  assert.ok(url, `the farm has a feed of kind ${kind}`);
  return url;
}

test('each feed URL maps to its own farm path, and the politeness key is the original host', () => {
  assert.equal(farm.urls.length, 5000);
  assert.equal(new Set(farm.urls).size, 5000);
  assert.equal(farmPath('https://blog.example:8443/a/feed?x=1'), '/https/blog.example:8443/a/feed?x=1');
  assert.equal(farmHostOf(`${farm.baseUrl}/https/blog7.example/feed.xml`), 'blog7.example');
});

test('a normal feed serves a feed with validators, then 304 to a conditional request', async () => {
  const url = first('normal');
  const cold = await fetchFeed(url, local);
  assert.equal(cold.status, 'ok');
  assert.ok(cold.etag || cold.lastModified);
  assert.match(Buffer.from(cold.body).toString(), /<(rss|feed)\b[\s\S]*<(item|entry)>/);
  const again = await fetchFeed(url, { ...local, etag: cold.etag, lastModified: cold.lastModified });
  assert.equal(again.status, 'not-modified');
});

test('the same URL always gets the same body', async () => {
  const url = first('no-validators');
  const a = await fetchFeed(url, local);
  const b = await fetchFeed(url, local);
  assert.ok(a.status === 'ok' && b.status === 'ok');
  assert.deepEqual(a.body, b.body);
  assert.equal(a.etag, undefined);
});

test('a changing feed never matches its old validators', async () => {
  const url = first('changing');
  const a = await fetchFeed(url, local);
  const b = await fetchFeed(url, { ...local, etag: a.etag, lastModified: a.lastModified });
  assert.equal(b.status, 'ok');
  assert.notEqual(b.etag ?? b.lastModified, a.etag ?? a.lastModified);
});

test('gzip feeds are served compressed to clients that accept it', async () => {
  const url = farm.urls.find((u) => farm.behaviour(u)?.kind === 'normal' && farm.behaviour(u)?.gzip);
  assert.ok(url);
  const res = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  const decoded = await fetchFeed(url, local);
  assert.equal(decoded.status, 'ok');
  assert.match(Buffer.from(decoded.body).toString(), /^<\?xml/);
});

test('moved feeds redirect permanently; broken ones fail as they should', async () => {
  const moved = await fetchFeed(first('redirect'), local);
  assert.ok(moved.permanentRedirect?.includes('/moved/'));
  await assert.rejects(fetchFeed(first('not-found'), local), (e: unknown) => e instanceof HttpStatusError && e.status === 404);
  await assert.rejects(fetchFeed(first('server-error'), local), (e: unknown) => e instanceof HttpStatusError && e.status === 500);
  await assert.rejects(fetchFeed(first('gone'), local), GoneError);
  await assert.rejects(fetchFeed(first('rate-limited'), local), (e: unknown) => e instanceof HttpStatusError && e.retryAfter === 3_600_000);
  await assert.rejects(fetchFeed(first('hang'), { ...local, timeoutMs: 200 }), TimeoutError);
  const garbage = await fetchFeed(first('garbage'), local);
  assert.ok(garbage.status === 'ok' && !/<\/(rss|feed)>/.test(Buffer.from(garbage.body).toString()));
});

test('hangMs turns hanging requests into dropped connections (for quick tests)', async () => {
  const quick = await startFarm({ feedUrls, hangMs: 50 });
  try {
    const url = quick.urls.find((u) => quick.behaviour(u)?.kind === 'hang');
    assert.ok(url);
    await assert.rejects(fetchFeed(url, local), ConnectionError);
  } finally {
    await quick.close();
  }
});

test('the mix is mostly healthy feeds', () => {
  const kinds = new Map<string, number>();
  for (const u of farm.urls) kinds.set(farm.behaviour(u)!.kind, (kinds.get(farm.behaviour(u)!.kind) ?? 0) + 1);
  assert.ok(kinds.get('normal')! / farm.urls.length > 0.75, JSON.stringify(Object.fromEntries(kinds)));
});
