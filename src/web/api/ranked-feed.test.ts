import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiFixture, type ApiFixture } from './test-fixture.ts';

describe('REST API: /feed and /feedback', () => {
  let f: ApiFixture;
  let interestId: number;
  let f1: number;
  let van: number;
  before(async () => {
    f = await apiFixture();
    const feed = (await f.asAnn('POST', '/feeds', { json: { url: `${f.feedServer}/feed.xml` } })).body.feed;
    interestId = (await f.asAnn('POST', '/interests', { json: { name: 'Formula One racing', keywords: 'F1, grand prix' } })).body.id;
    const posts = (await f.asAnn('GET', `/feeds/${feed.id}/posts`)).body.posts as { id: number; title: string }[];
    f1 = posts.find((p) => /Grand Prix/.test(p.title))!.id;
    van = posts.find((p) => /camper/.test(p.title))!.id;
  });
  after(() => f.close());

  it('ranks the matching post first, in the feed item shape, by interest id or name', async () => {
    const res = await f.asAnn('GET', '/feed');
    assert.equal(res.status, 200);
    const top = res.body.items[0];
    assert.equal(top.id, f1);
    assert.equal(top.interest, 'Formula One racing');
    assert.equal(top.source, 'Motors & more');
    assert.equal(top.hidden, false);
    assert.ok(top.score >= top.threshold);
    assert.ok(top.terms.length > 0);
    assert.equal(res.body.items.some((i: { id: number }) => i.id === van), false, 'the unrelated post is not in the feed');
    assert.deepEqual((await f.asAnn('GET', `/feed?interest=${interestId}`)).body.items.map((i: { id: number }) => i.id), [f1]);
    assert.deepEqual((await f.asAnn('GET', '/feed?interest=formula%20one%20racing&limit=1&offset=0')).body.items.map((i: { id: number }) => i.id), [f1]);
    assert.deepEqual((await f.asAnn('GET', '/feed?offset=1')).body.items, []);
  });

  it('refuses bad paging and unknown interests; shows nobody else your feed', async () => {
    for (const [path, status, message] of [
      ['/feed?limit=0', 400, /query\.limit/],
      ['/feed?limit=201', 400, /query\.limit/],
      ['/feed?offset=-1', 400, /query\.offset/],
      ['/feed?include_hidden=maybe', 400, /query\.include_hidden/],
      ['/feed?before=soon', 400, /query\.before/],
      ['/feed?interest=424242', 404, /no interest with id/],
      ['/feed?interest=Cooking', 404, /no interest named "Cooking"/],
    ] as const) {
      const res = await f.asAnn('GET', path);
      assert.equal(res.status, status, `${path}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.error.message, message);
    }
    assert.deepEqual((await f.asBea('GET', '/feed')).body.items, [], 'bea has no interests, so no feed');
    assert.equal((await f.asBea('GET', `/feed?interest=${interestId}`)).status, 404);
    assert.equal((await f.anonymous('GET', '/feed')).status, 401);
  });

  it('takes feedback, lists it, and the feed shows its effect', async () => {
    const liked = await f.asAnn('POST', '/feedback', { json: { post_id: f1, kind: 'like', interest_id: interestId } });
    assert.equal(liked.status, 201);
    assert.deepEqual([liked.body.postId, liked.body.kind, liked.body.interestId], [f1, 'like', interestId]);
    const top = (await f.asAnn('GET', '/feed')).body.items[0];
    assert.deepEqual([top.id, top.feedback, top.read], [f1, 'like', true], 'a verdict marks the post read');

    assert.equal((await f.asAnn('POST', '/feedback', { json: { post_id: van, kind: 'offtopic' } })).status, 201);
    assert.deepEqual((await f.asAnn('GET', '/feedback')).body.feedback.map((x: { kind: string }) => x.kind), ['like', 'offtopic']);
    assert.deepEqual((await f.asAnn('GET', `/feedback?interest_id=${interestId}`)).body.feedback.map((x: { postId: number }) => x.postId), [f1]);
    assert.deepEqual((await f.asBea('GET', '/feedback')).body.feedback, [], "bea sees none of ann's feedback");
  });

  it('refuses malformed feedback and feedback about what is not yours', async () => {
    for (const [caller, json, status, message] of [
      [f.asAnn, { post_id: f1, kind: 'meh' }, 400, /body\.kind/],
      [f.asAnn, { post_id: String(f1), kind: 'like' }, 400, /body\.post_id/],
      [f.asAnn, { post_id: f1 }, 400, /body\.kind/],
      [f.asAnn, { post_id: 424242, kind: 'like' }, 404, /no post with id 424242/],
      [f.asAnn, { post_id: f1, kind: 'like', interest_id: 424242 }, 404, /no interest/],
      [f.asBea, { post_id: f1, kind: 'dislike', interest_id: interestId }, 404, /no interest/],
    ] as const) {
      const res = await caller('POST', '/feedback', { json });
      assert.equal(res.status, status, `${JSON.stringify(json)}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.error.message, message);
    }
    assert.equal((await f.asBea('GET', `/feedback?interest_id=${interestId}`)).status, 404);
    assert.equal((await f.asAnn('GET', '/feedback')).body.feedback.length, 2, 'nothing refused was stored');
  });
});
