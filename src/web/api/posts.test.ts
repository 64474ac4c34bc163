import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiFixture, type ApiFixture } from './test-fixture.ts';

describe('REST API: /posts', () => {
  let f: ApiFixture;
  let postId: number;
  before(async () => {
    f = await apiFixture();
    const feed = (await f.asAnn('POST', '/feeds', { json: { url: `${f.feedServer}/feed.xml` } })).body.feed;
    postId = (await f.asAnn('GET', `/feeds/${feed.id}/posts?limit=1`)).body.posts[0].id;
  });
  after(() => f.close());

  it('shows a post with its content, sources and your state', async () => {
    const res = await f.asAnn('GET', `/posts/${postId}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.title, 'Verstappen wins the Brazilian Grand Prix');
    assert.equal(res.body.link, 'https://motors.example/f1?utm_source=rss');
    assert.equal(res.body.published, '2026-11-21T10:00:00.000Z');
    assert.match(res.body.content, /São Paulo/);
    assert.deepEqual(res.body.sources.map((s: { feed: string }) => s.feed), ['Motors & more']);
    assert.deepEqual([res.body.read, res.body.starred], [false, false]);
  });

  it('marks read and unread, starred and unstarred, per user', async () => {
    assert.deepEqual((await f.asAnn('POST', `/posts/${postId}/read`)).body, { id: postId, read: true, starred: false });
    assert.deepEqual((await f.asAnn('POST', `/posts/${postId}/star`)).body, { id: postId, read: true, starred: true });
    assert.equal((await f.asAnn('GET', `/posts/${postId}`)).body.starred, true);
    // Posts are the instance's shared pool; read and starred are each user's own.
    const beas = await f.asBea('GET', `/posts/${postId}`);
    assert.deepEqual([beas.body.read, beas.body.starred], [false, false]);
    assert.deepEqual((await f.asAnn('DELETE', `/posts/${postId}/read`)).body, { id: postId, read: false, starred: true });
    assert.deepEqual((await f.asAnn('DELETE', `/posts/${postId}/star`)).body, { id: postId, read: false, starred: false });
  });

  it('refuses unknown posts, bad ids and missing credentials', async () => {
    for (const [method, path, status] of [
      ['GET', '/posts/987654', 404],
      ['POST', '/posts/987654/read', 404],
      ['DELETE', '/posts/987654/star', 404],
      ['GET', '/posts/1.5', 400],
      ['POST', '/posts/x/star', 400],
      ['PUT', `/posts/${postId}/read`, 404],
      ['GET', `/posts/${postId}`, 401],
    ] as const) {
      const res = await (status === 401 ? f.anonymous : f.asAnn)(method, path);
      assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
    }
  });
});
