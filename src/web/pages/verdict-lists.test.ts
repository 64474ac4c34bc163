import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addInterest } from '../../actions/interests.ts';
import type { TestClient } from '../auth/test-client.ts';
import { readerFixture, type ReaderFixture } from './reader-fixture.ts';

const POSTS = [
  { title: 'Sourdough bread: a starter that rises twice as fast', text: 'Feed the sourdough starter flour and water, knead the dough, proof the loaf overnight and bake the bread in a hot oven.', hoursAgo: 2 },
  { title: 'Baking rye bread in a cast iron pot', text: 'Rye flour, a long proof and a very hot oven give the loaf its crust; bake the bread covered, then uncovered.', hoursAgo: 5 },
  { title: 'The local football derby ends in a draw', text: 'Both teams scored in the second half; the goalkeeper saved a late penalty and the stadium stayed full until the final whistle.', hoursAgo: 1 },
];

describe('hidden and liked posts: the verdicts, each with its way back', () => {
  let fx: ReaderFixture;
  let ada: { browser: TestClient; csrf: string };
  let interestId: number;
  let postId: number;

  before(async () => {
    fx = await readerFixture(POSTS);
    ada = await fx.signUp('ada');
    await ada.browser.request('/feeds', { form: { _csrf: ada.csrf, url: `${fx.base}/feed.xml` } });
    const user = (await fx.store.userByName('ada'))!;
    interestId = (await addInterest(fx.actions, user, { name: 'Baking', keywords: 'sourdough, bread, oven' })).id;
    const html = await (await ada.browser.request('/')).text();
    postId = Number(/data-post-id="(\d+)"/.exec(html.split('<article').find((a) => a.includes('cast iron pot')) ?? '')?.[1]);
    assert.ok(postId > 0, `the rye post is in the feed: ${html}`);
  });
  after(() => fx.close());

  it('starts empty, with what the page is for', async () => {
    const html = await (await ada.browser.request('/hidden')).text();
    assert.match(html, /<h2 id="empty-title">Nothing hidden<\/h2>/);
    const feed = await (await ada.browser.request('/')).text();
    assert.match(feed, /<a class="quiet-link" href="\/hidden">Hidden posts<\/a>/, 'the feed links it');
    assert.match(feed, /<a class="quiet-link" href="\/liked">Liked<\/a>/);
    assert.match(await (await ada.browser.request('/liked')).text(), /<h2 id="empty-title">Nothing liked yet<\/h2>/);
  });

  it('lists an off-topic post, and "Show in my feed again" brings it back (no JavaScript)', async () => {
    await ada.browser.request(`/posts/${postId}/feedback`, { form: { _csrf: ada.csrf, kind: 'offtopic', interest: String(interestId), back: '/' } });
    assert.doesNotMatch(await (await ada.browser.request('/')).text(), new RegExp(`data-post-id="${postId}"`), 'hidden from the feed');
    const hidden = await (await ada.browser.request('/hidden')).text();
    assert.match(hidden, /Hidden posts <span class="count">\(1\)<\/span>/);
    assert.match(hidden, new RegExp(`<article class="item" id="post-${postId}"`));
    assert.match(hidden, /Off-topic for <a class="tag" href="\/interests\/\d+">Baking<\/a>/);
    const restore = /<form method="post" action="(\/posts\/\d+\/feedback)" data-form="feedback">.*?name="back" value="([^"]+)".*?name="interest" value="(\d+)".*?name="kind" value="(\w+)" data-action="restore"/s.exec(hidden);
    assert.ok(restore, hidden);
    const res = await ada.browser.request(restore[1], { form: { _csrf: ada.csrf, back: restore[2], interest: restore[3], kind: restore[4] } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/hidden');
    assert.match(await (await ada.browser.request('/hidden')).text(), /Nothing hidden/);
    assert.match(await (await ada.browser.request('/')).text(), new RegExp(`data-post-id="${postId}"`), 'back in the feed');
  });

  it('filters by interest, and refuses one that is not yours', async () => {
    await ada.browser.request(`/posts/${postId}/feedback`, { form: { _csrf: ada.csrf, kind: 'dislike', interest: String(interestId), back: '/' } });
    const html = await (await ada.browser.request(`/hidden?interest=${interestId}`)).text();
    assert.match(html, /Hidden from Baking/);
    assert.match(html, /Disliked for/);
    assert.match(await (await ada.browser.request(`/interests/${interestId}`)).text(), new RegExp(`href="/hidden\\?interest=${interestId}">Hidden posts`));
    assert.equal((await ada.browser.request('/hidden?interest=abc')).status, 404);
    const bob = await fx.signUp('bob');
    const refused = await bob.browser.request(`/hidden?interest=${interestId}`);
    assert.equal(refused.status, 404);
    assert.doesNotMatch(await refused.text(), /Baking|rye/i);
    assert.match(await (await bob.browser.request('/hidden')).text(), /Nothing hidden/, "ada's verdicts are not bob's");
  });

  it('lists liked posts newest first, and Unlike takes one off (the post stays in the feed)', async () => {
    const user = (await fx.store.userByName('ada'))!;
    await fx.store.clearFeedback(user.id, postId, interestId);
    const posts = await fx.store.posts({ limit: 10 });
    for (const p of posts.slice(0, 2)) {
      await ada.browser.request(`/posts/${p.id}/feedback`, { form: { _csrf: ada.csrf, kind: 'like', interest: String(interestId), back: '/' } });
    }
    const liked = await (await ada.browser.request('/liked')).text();
    assert.match(liked, /Liked posts <span class="count">\(2\)<\/span>/);
    const order = [...liked.matchAll(/<article class="item" id="post-(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(order, [posts[1].id, posts[0].id], 'the newest like first');
    assert.match(liked, /id="liked-items"/);
    assert.match(liked, /data-action="restore"[^>]*>Unlike</);
    const res = await ada.browser.request(`/posts/${posts[1].id}/feedback`, { form: { _csrf: ada.csrf, kind: 'like', interest: String(interestId), back: '/liked' } });
    assert.equal(res.headers.get('location'), '/liked');
    const after = await (await ada.browser.request('/liked')).text();
    assert.deepEqual([...after.matchAll(/<article class="item" id="post-(\d+)"/g)].map((m) => Number(m[1])), [posts[0].id]);
    assert.match(await (await ada.browser.request(`/liked?interest=${interestId}`)).text(), /Liked in Baking/);
    assert.equal((await ada.browser.request('/liked?interest=9')).status, 404);
  });
});
