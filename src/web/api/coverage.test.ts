// Every route of the REST API, from the route list itself (a new route is covered the day it is added):
// no credentials → 401; a malformed id → 400; garbage bodies → 4xx, never a 500; and another user's
// feed or interest → 404 that names nothing and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiFixture, declaredRoutes as routes, type ApiFixture } from './test-fixture.ts';

const withId = (path: string, id: string | number) => path.replace(':id', String(id));

describe('REST API: every route', () => {
  let f: ApiFixture;
  let feedId: number;
  let interestId: number;
  let postId: number;
  before(async () => {
    f = await apiFixture();
    feedId = (await f.asAnn('POST', '/feeds', { json: { url: `${f.feedServer}/feed.xml`, category: 'Cars' } })).body.feed.id;
    interestId = (await f.asAnn('POST', '/interests', { json: { name: 'Formula One', keywords: 'grand prix, verstappen' } })).body.id;
    postId = (await f.asAnn('GET', `/feeds/${feedId}/posts?limit=1`)).body.posts[0].id;
  });
  after(() => f.close());

  it('the list is what the tests below walk: every resource is there', () => {
    const paths = new Set(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    for (const expected of ['GET /me', 'PATCH /me', 'GET /feeds', 'PATCH /feeds/:id', 'GET /interests/:id', 'GET /feed', 'GET /posts/:id', 'POST /feedback', 'DELETE /feedback', 'POST /output-feeds']) {
      assert.ok(paths.has(expected), expected);
    }
  });

  it('refuses every route without credentials, or with a forged token: 401 unauthorized', async () => {
    for (const route of routes) {
      const path = withId(route.path, feedId);
      for (const headers of [{}, { authorization: 'Bearer sluice_forged' }] as Record<string, string>[]) {
        const res = await f.anonymous(route.method.toUpperCase(), path, { headers, json: route.body ? {} : undefined });
        assert.equal(res.status, 401, `${route.method} ${path}`);
        assert.equal(res.body.error.code, 'unauthorized');
      }
    }
  });

  it('refuses a malformed id on every route that takes one: 400 naming path.id', async () => {
    for (const route of routes.filter((r) => r.path.includes(':id'))) {
      for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
        const res = await f.asAnn(route.method.toUpperCase(), withId(route.path, bad), { json: route.body ? {} : undefined });
        assert.equal(res.status, 400, `${route.method} ${route.path} with ${bad}: ${JSON.stringify(res.body)}`);
        assert.match(res.body.error.message, /path\.id/);
      }
    }
  });

  it('answers garbage bodies on every route that takes one with a 4xx (the fixture fails on any 500)', async () => {
    // ({} is no garbage: an empty PATCH of an interest changes nothing, and says so with a 200.)
    const garbage = ['null', '[]', '"x"', '{"unknown":1}', '{"post_id":-1,"kind":"like"}', '{'];
    for (const route of routes.filter((r) => r.body)) {
      for (const body of garbage) {
        const headers = { 'content-type': route.bodyMediaType ?? 'application/json' };
        const res = await f.asAnn(route.method.toUpperCase(), withId(route.path, feedId), { body, headers });
        assert.ok(res.status >= 400 && res.status < 500, `${route.method} ${route.path} ${body} → ${res.status}`);
      }
    }
  });

  it("answers 404 for another user's feed or interest on every route, names nothing, changes nothing", async () => {
    const before = { feed: (await f.asAnn('GET', `/feeds/${feedId}`)).body, interest: (await f.asAnn('GET', `/interests/${interestId}`)).body };
    const owned = routes.filter((r) => /^\/(feeds|interests)\/:id/.test(r.path));
    assert.ok(owned.length >= 7, owned.map((r) => r.path).join(' '));
    for (const route of owned) {
      const id = route.path.startsWith('/feeds') ? feedId : interestId;
      const json = route.method === 'patch' ? (route.path.startsWith('/feeds') ? { title: 'Mine now' } : { name: 'Mine now' }) : undefined;
      const res = await f.asBea(route.method.toUpperCase(), withId(route.path, id), { json });
      assert.equal(res.status, 404, `${route.method} ${route.path}: ${JSON.stringify(res.body)}`);
      assert.doesNotMatch(JSON.stringify(res.body), /Motors|Formula|Cars/);
    }
    for (const [method, path, json] of [
      ['GET', `/feed?interest=${interestId}`, undefined],
      ['GET', `/feedback?interest_id=${interestId}`, undefined],
      ['POST', '/feedback', { post_id: postId, kind: 'offtopic', interest_id: interestId }],
      ['DELETE', `/feedback?post_id=${postId}&interest_id=${interestId}`, undefined],
    ] as const) {
      assert.equal((await f.asBea(method, path, { json })).status, 404, `${method} ${path}`);
    }
    assert.deepEqual((await f.asAnn('GET', `/feeds/${feedId}`)).body, before.feed);
    assert.deepEqual((await f.asAnn('GET', `/interests/${interestId}`)).body, before.interest);
  });
});

describe('REST API: editing a subscription, withdrawing feedback', () => {
  let f: ApiFixture;
  let feedId: number;
  let postId: number;
  before(async () => {
    f = await apiFixture();
    feedId = (await f.asAnn('POST', '/feeds', { json: { url: `${f.feedServer}/feed.xml` } })).body.feed.id;
    postId = (await f.asAnn('GET', `/feeds/${feedId}/posts?limit=1`)).body.posts[0].id;
  });
  after(() => f.close());

  it('PATCH /feeds/:id renames and moves to a folder', async () => {
    const res = await f.asAnn('PATCH', `/feeds/${feedId}`, { json: { title: 'F1 & vans', category: 'Cars' } });
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.title, res.body.category], ['F1 & vans', 'Cars']);
    assert.equal((await f.asAnn('GET', `/feeds/${feedId}`)).body.title, 'F1 & vans');
    for (const json of [{}, { title: '' }, { title: 'x'.repeat(201) }, { title: 5 }, { folder: 'Cars' }]) {
      const bad = await f.asAnn('PATCH', `/feeds/${feedId}`, { json });
      assert.equal(bad.status, 400, JSON.stringify(json));
    }
    assert.equal((await f.asAnn('PATCH', '/feeds/424242', { json: { title: 'x' } })).status, 404);
  });

  it('PATCH /me changes the reading setting, for the caller only', async () => {
    const res = await f.asAnn('PATCH', '/me', { json: { own_feeds_only: true } });
    assert.deepEqual([res.status, res.body.name, res.body.ownFeedsOnly], [200, 'ann', true]);
    assert.equal((await f.asAnn('GET', '/me')).body.ownFeedsOnly, true);
    assert.equal((await f.asBea('GET', '/me')).body.ownFeedsOnly, false, "bea's setting is her own");
    for (const json of [{}, { own_feeds_only: 'yes' }, { own_feeds_only: true, name: 'root' }]) {
      assert.equal((await f.asAnn('PATCH', '/me', { json })).status, 400, JSON.stringify(json));
    }
    assert.equal((await f.asAnn('PATCH', '/me', { json: { own_feeds_only: false } })).body.ownFeedsOnly, false);
  });

  it('DELETE /feedback withdraws the verdict, idempotently; clicks stay', async () => {
    const interestId = (await f.asAnn('POST', '/interests', { json: { name: 'Formula One', keywords: 'grand prix' } })).body.id;
    await f.asAnn('POST', '/feedback', { json: { post_id: postId, kind: 'like', interest_id: interestId } });
    await f.asAnn('POST', '/feedback', { json: { post_id: postId, kind: 'click' } });
    await f.asAnn('POST', '/feedback', { json: { post_id: postId, kind: 'dislike', interest_id: interestId } });
    const kinds = async () => (await f.asAnn('GET', '/feedback')).body.feedback.map((x: { kind: string }) => x.kind);
    assert.deepEqual(await kinds(), ['click', 'dislike'], 'the dislike replaced the like');
    assert.equal((await f.asAnn('DELETE', `/feedback?post_id=${postId}&interest_id=${interestId}`)).status, 204);
    assert.deepEqual(await kinds(), ['click']);
    assert.equal((await f.asAnn('DELETE', `/feedback?post_id=${postId}&interest_id=${interestId}`)).status, 204, 'again: nothing to withdraw, same answer');
    for (const [path, status] of [
      ['/feedback', 400],
      ['/feedback?post_id=abc', 400],
      ['/feedback?post_id=424242', 404],
      [`/feedback?post_id=${postId}&interest_id=424242`, 404],
    ] as const) {
      assert.equal((await f.asAnn('DELETE', path)).status, status, path);
    }
  });
});
