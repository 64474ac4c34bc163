import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiFixture, type ApiFixture } from './test-fixture.ts';

describe('REST API: /feeds and /opml', () => {
  let f: ApiFixture;
  let feedId: number;
  before(async () => {
    f = await apiFixture();
  });
  after(() => f.close());

  it('subscribes by URL with a first fetch, and lists the subscription with its health', async () => {
    const res = await f.asAnn('POST', '/feeds', { json: { url: `${f.feedServer}/feed.xml`, category: 'Cars' } });
    assert.equal(res.status, 201);
    assert.equal(res.body.created, true);
    assert.deepEqual(res.body.firstFetch, { newPosts: 2, error: null });
    assert.equal(res.body.feed.title, 'Motors & more');
    assert.equal(res.body.feed.category, 'Cars');
    assert.equal(res.body.feed.status, 'active');
    assert.ok(res.body.feed.lastFetchAt);
    feedId = res.body.feed.id;

    const again = await f.asAnn('POST', '/feeds', { json: { url: `${f.feedServer}/feed.xml` } });
    assert.equal(again.body.created, false);

    const list = await f.asAnn('GET', '/feeds');
    assert.deepEqual(list.body.feeds.map((x: { id: number }) => x.id), [feedId]);
    const one = await f.asAnn('GET', `/feeds/${feedId}`);
    assert.equal(one.body.url, `${f.feedServer}/feed.xml`);
    assert.equal(one.body.httpStatus, 200);
    assert.equal(one.body.lastError, null);
  });

  it("pages a feed's posts newest first with a cursor, with read state", async () => {
    const first = await f.asAnn('GET', `/feeds/${feedId}/posts?limit=1`);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.posts.map((p: { title: string }) => p.title), ['Verstappen wins the Brazilian Grand Prix']);
    assert.equal(first.body.posts[0].url, 'https://motors.example/f1', 'the canonical URL drops tracking parameters');
    assert.equal(first.body.posts[0].read, false);
    assert.ok(first.body.next);
    const second = await f.asAnn('GET', `/feeds/${feedId}/posts?limit=1&after=${first.body.next}`);
    assert.deepEqual(second.body.posts.map((p: { title: string }) => p.title), ['Choosing a camper van for winter']);
    assert.equal(second.body.next, null);

    await f.asAnn('POST', `/posts/${first.body.posts[0].id}/read`);
    const unread = await f.asAnn('GET', `/feeds/${feedId}/posts?unread_only=true`);
    assert.deepEqual(unread.body.posts.map((p: { title: string }) => p.title), ['Choosing a camper van for winter']);
  });

  it('refuses bad input with a 4xx that says what is wrong', async () => {
    const cases: [string, string, Parameters<ApiFixture['asAnn']>[2], number, RegExp][] = [
      ['POST', '/feeds', { json: {} }, 400, /body\.url/],
      ['POST', '/feeds', { json: { url: 5 } }, 400, /body\.url: .*string/],
      ['POST', '/feeds', { json: { url: 'x.example', colour: 'red' } }, 400, /colour/],
      ['POST', '/feeds', { json: [1, 2] }, 400, /body/],
      ['POST', '/feeds', { body: '{"url":', headers: { 'content-type': 'application/json' } }, 400, /not valid JSON/],
      ['POST', '/feeds', { body: 'url=https://x.example', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 400, /application\/json/],
      ['POST', '/feeds', { json: { url: 'ftp://example.com/feed' } }, 400, /http and https/],
      ['POST', '/feeds', { json: { url: `${f.feedServer}/missing.xml` } }, 422, /./],
      ['POST', '/feeds', { json: { url: 'x'.repeat(2 * 1024 * 1024) } }, 413, /KiB/],
      ['GET', '/feeds/abc', {}, 400, /path\.id/],
      ['GET', '/feeds/-3', {}, 400, /path\.id/],
      ['GET', '/feeds/99999999999999999999', {}, 400, /path\.id/],
      ['GET', `/feeds/${feedId}/posts?limit=0`, {}, 400, /query\.limit/],
      ['GET', `/feeds/${feedId}/posts?limit=lots`, {}, 400, /query\.limit/],
      ['GET', `/feeds/${feedId}/posts?after=yesterday`, {}, 400, /query\.after/],
      ['GET', `/feeds/${feedId}/posts?unread_only=perhaps`, {}, 400, /query\.unread_only/],
      ['GET', '/feeds/424242', {}, 404, /no subscription/],
      ['POST', '/opml', { body: '<opml><body><outline', headers: { 'content-type': 'text/x-opml' } }, 400, /./],
      ['POST', '/opml', { body: '' }, 400, /OPML/],
    ];
    for (const [method, path, opts, status, message] of cases) {
      const res = await f.asAnn(method, path, opts);
      assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.error.message, message, `${method} ${path}`);
    }
  });

  it('answers 401 without credentials and 404 for what is not yours', async () => {
    for (const [method, path] of [['GET', '/feeds'], ['POST', '/feeds'], ['GET', `/feeds/${feedId}`], ['GET', '/opml']]) {
      const res = await f.anonymous(method, path);
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.equal(res.body.error.code, 'unauthorized');
    }
    assert.equal((await f.anonymous('GET', '/feeds', { headers: { authorization: 'Bearer sluice_forged' } })).status, 401);
    assert.deepEqual((await f.asBea('GET', '/feeds')).body.feeds, []);
    for (const [method, path] of [['GET', `/feeds/${feedId}`], ['GET', `/feeds/${feedId}/posts`], ['DELETE', `/feeds/${feedId}`]]) {
      const res = await f.asBea(method, path);
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.doesNotMatch(JSON.stringify(res.body), /Motors/, 'nothing about the feed leaks');
    }
    assert.equal((await f.asAnn('GET', `/feeds/${feedId}`)).status, 200, "bea's attempts changed nothing");
  });

  it('exports OPML and imports it for another user', async () => {
    const exported = await f.asAnn('GET', '/opml');
    assert.equal(exported.status, 200);
    assert.match(exported.res.headers.get('content-type') ?? '', /^text\/x-opml/);
    assert.match(exported.body, new RegExp(`xmlUrl="${f.feedServer}/feed.xml"`));
    assert.match(exported.body, /text="Cars"/);
    assert.doesNotMatch((await f.asBea('GET', '/opml')).body, /feed\.xml/);

    const imported = await f.asBea('POST', '/opml', { body: exported.body, headers: { 'content-type': 'text/x-opml' } });
    assert.deepEqual(imported.body, { feeds: 1, added: 1 });
    assert.deepEqual((await f.asBea('POST', '/opml', { body: exported.body, headers: { 'content-type': 'application/xml' } })).body, { feeds: 1, added: 0 });
    const beas = (await f.asBea('GET', '/feeds')).body.feeds;
    assert.deepEqual(beas.map((x: { id: number; category: string }) => [x.id, x.category]), [[feedId, 'Cars']]);
  });

  it('unsubscribes', async () => {
    assert.equal((await f.asBea('DELETE', `/feeds/${feedId}`)).status, 204);
    assert.equal((await f.asBea('GET', `/feeds/${feedId}`)).status, 404);
    assert.equal((await f.asBea('DELETE', `/feeds/${feedId}`)).status, 404);
    assert.equal((await f.asAnn('GET', `/feeds/${feedId}`)).status, 200, "ann's subscription stays");
  });
});
