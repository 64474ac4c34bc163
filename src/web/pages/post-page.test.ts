import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addInterest } from '../../actions/interests.ts';
import { TestClient } from '../auth/test-client.ts';
import { readerFixture, type ReaderFixture } from './reader-fixture.ts';

const POSTS = [
  { title: 'Sourdough <script>alert(1)</script> bread at home', text: 'Feed the sourdough starter, knead the dough and bake the bread in a hot oven.', link: 'https://blog.example/sourdough' },
  { title: 'Dangerous link', text: 'A post whose link is a script.', link: 'javascript:alert(1)' },
];

describe('the post page', () => {
  let fx: ReaderFixture;
  let ada: { browser: TestClient; csrf: string };
  let postId: number;

  before(async () => {
    fx = await readerFixture(POSTS);
    ada = await fx.signUp('ada');
    await ada.browser.request('/feeds', { form: { _csrf: ada.csrf, url: `${fx.base}/feed.xml` } });
    await addInterest(fx.actions, (await fx.store.userByName('ada'))!, { name: 'Baking', keywords: 'sourdough, bread' });
    await ada.browser.request('/'); // scores the posts (no scoring service in tests)
    postId = (await fx.store.posts({ limit: 10 })).find((p) => p.title.startsWith('Sourdough'))!.id;
  });
  after(() => fx.close());

  it('shows the content, the original link, its scores per interest and the feedback buttons; counts views', async () => {
    const first = await (await ada.browser.request(`/posts/${postId}`)).text();
    assert.match(first, /<h1 class="post-title"[^>]*><mark>Sourdough<\/mark> &lt;script&gt;alert\(1\)&lt;\/script&gt; <mark>bread<\/mark> at home<\/h1>/);
    assert.match(first, /<div class="post-content">.*knead the dough/s);
    assert.match(first, /href="https:\/\/blog\.example\/sourdough" data-action="original"/);
    assert.match(first, /first view/);
    assert.match(first, /<th scope="row"><a href="\/interests\/\d+">Baking<\/a><\/th>/);
    assert.match(first, /in your feed/);
    for (const action of ['like', 'dislike', 'offtopic']) assert.match(first, new RegExp(`data-action="${action}"`));
    const second = await (await ada.browser.request(`/posts/${postId}`)).text();
    assert.match(second, /2 views/);
    assert.ok((await fx.store.postStates((await fx.store.userByName('ada'))!.id, [postId])).get(postId)?.readAt, 'opening a post marks it read');
  });

  it('never links a javascript: address', async () => {
    const id = (await fx.store.posts({ limit: 10 })).find((p) => p.title === 'Dangerous link')!.id;
    const html = await (await ada.browser.request(`/posts/${id}`)).text();
    assert.doesNotMatch(html, /javascript:/i);
    assert.match(html, /None of your interests scored this post/);
  });

  it('answers 404 for a post that does not exist, and sends a signed-out visitor to sign in', async () => {
    assert.equal((await ada.browser.request('/posts/999999')).status, 404);
    assert.equal((await ada.browser.request('/posts/abc')).status, 404);
    const res = await new TestClient(fx.app).request(`/posts/${postId}`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `/login?next=%2Fposts%2F${postId}`);
  });

  it("shows another reader the shared post, but none of ada's interests or verdicts", async () => {
    await ada.browser.request(`/posts/${postId}/feedback`, { form: { _csrf: ada.csrf, kind: 'like', back: '/' } });
    const bob = await fx.signUp('bob');
    const html = await (await bob.browser.request(`/posts/${postId}`)).text();
    assert.match(html, /knead the dough/);
    assert.doesNotMatch(html, /Baking/);
    assert.doesNotMatch(html, /aria-pressed="true" aria-keyshortcuts="l"/);
  });
});
