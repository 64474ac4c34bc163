import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addInterest } from '../../actions/interests.ts';
import { TestClient } from '../auth/test-client.ts';
import { readerFixture, type ReaderFixture } from './reader-fixture.ts';

const POSTS = [
  { title: 'Sourdough bread: a starter that rises twice as fast', text: 'Feed the sourdough starter flour and water, knead the dough, proof the loaf overnight and bake the bread in a hot oven.', hoursAgo: 2 },
  { title: 'Baking rye bread in a cast iron pot', text: 'Rye flour, a long proof and a very hot oven give the loaf its crust; bake the bread covered, then uncovered.', hoursAgo: 5 },
  { title: 'The local football derby ends in a draw', text: 'Both teams scored in the second half; the goalkeeper saved a late penalty and the stadium stayed full until the final whistle.', hoursAgo: 1 },
];

/** The <article> of a post on a page, by a piece of its title. */
function articleOf(html: string, title: string): string | undefined {
  return html.split('<article').find((a) => a.includes(title.replace(/&/g, '&amp;')) || a.replace(/<\/?mark>/g, '').includes(title));
}

describe('the ranked feed page', () => {
  let fx: ReaderFixture;
  let ada: { browser: TestClient; csrf: string };

  before(async () => {
    fx = await readerFixture(POSTS);
    const signed = await fx.signUp('ada');
    ada = signed;
  });
  after(() => fx.close());

  it('greets a newcomer with the next steps: add a feed, the starter pack, an interest', async () => {
    const html = await (await ada.browser.request('/')).text();
    assert.match(html, /Welcome to Sluice/);
    assert.match(html, /href="\/feeds"/);
    assert.match(html, /action="\/feeds\/starter-pack"/);
    assert.match(html, /Subscribe to the starter pack/);
    assert.match(html, /href="\/interests\/new"/);
  });

  it('asks for an interest once feeds are followed', async () => {
    const res = await ada.browser.request('/feeds', { form: { _csrf: ada.csrf, url: `${fx.base}/` } });
    assert.equal(res.status, 303);
    const html = await (await ada.browser.request('/')).text();
    assert.match(html, /What do you want to read about\?/);
  });

  it('ranks the matching posts with bolded terms, score, breakdown, source and feedback buttons', async () => {
    const user = (await fx.store.userByName('ada'))!;
    await addInterest(fx.actions, user, { name: 'Baking', keywords: 'sourdough, bread, oven' });
    const res = await ada.browser.request('/');
    assert.equal(res.status, 200);
    const html = await res.text();
    const articles = [...html.matchAll(/<article class="item[^"]*"[^>]*data-post-id="(\d+)"/g)];
    assert.ok(articles.length >= 2, html);
    const first = articleOf(html, 'a starter that rises') ?? articleOf(html, 'Baking rye bread');
    assert.ok(first);
    assert.match(first, /<h2 class="item-title"[^>]*><a href="\/posts\/\d+"[^>]*>.*<mark>[^<]*<\/mark>/);
    assert.match(first, /class="source">Kitchen Notes</);
    assert.match(first, /<time datetime="[^"]+"[^>]*>\d+ h ago<\/time>/);
    assert.match(first, /class="tag" href="\/interests\/\d+">Baking</);
    assert.match(first, /class="score" tabindex="0" aria-describedby="breakdown-\d+"/);
    assert.match(first, /class="breakdown" role="tooltip"[^>]*>.*semantic.*lexical.*feedback.*<dt>threshold<\/dt><dd>\d+\.\d\d <abbr title="chance level[^"]*">from 3\.00<\/abbr><\/dd>/s);
    for (const action of ['like', 'dislike', 'offtopic', 'read']) assert.match(first, new RegExp(`data-action="${action}"`));
    assert.ok(!articleOf(html, 'football derby'), 'the off-topic post is not in the feed');
  });

  it('takes feedback: off-topic hides the post at once (JSON) and after a reload', async () => {
    const html = await (await ada.browser.request('/')).text();
    const id = /data-post-id="(\d+)"[^>]*data-interest-id="(\d+)"/.exec(articleOf(html, 'Baking rye bread') ?? '');
    assert.ok(id, 'the rye post is in the feed');
    const res = await ada.browser.request(`/posts/${id[1]}/feedback`, {
      form: { _csrf: ada.csrf, kind: 'offtopic', interest: id[2], back: '/' },
      headers: { accept: 'application/json' },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { postId: Number(id[1]), kind: 'offtopic', interestId: Number(id[2]), verdict: 'offtopic', undone: false, read: true, hidden: true });
    const again = await (await ada.browser.request('/')).text();
    assert.equal(again.includes(`data-post-id="${id[1]}"`), false, 'the off-topic post stays gone');
  });

  it('likes without JavaScript: the form redirects back and the pressed state survives a reload', async () => {
    const html = await (await ada.browser.request('/')).text();
    const id = /data-post-id="(\d+)"[^>]*data-interest-id="(\d+)"/.exec(html);
    assert.ok(id);
    const res = await ada.browser.request(`/posts/${id[1]}/feedback`, { form: { _csrf: ada.csrf, kind: 'like', interest: id[2], back: `/#post-${id[1]}` } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `/#post-${id[1]}`);
    const after = articleOf(await (await ada.browser.request('/')).text(), 'a starter that rises') ?? '';
    assert.match(after, /data-action="like" aria-pressed="true"/);
    assert.match(after, /^ class="item read"/, 'a verdict marks the post read (dimmed)');
  });

  it('un-likes: pressing like again withdraws the verdict, and that survives a reload', async () => {
    const before = articleOf(await (await ada.browser.request('/')).text(), 'a starter that rises') ?? '';
    const id = /data-post-id="(\d+)"[^>]*data-interest-id="(\d+)"/.exec(before);
    assert.ok(id);
    assert.match(before, /data-action="like" aria-pressed="true"/, 'liked by the test before');
    const res = await ada.browser.request(`/posts/${id[1]}/feedback`, {
      form: { _csrf: ada.csrf, kind: 'like', interest: id[2], back: '/' },
      headers: { accept: 'application/json' },
    });
    assert.deepEqual(await res.json(), { postId: Number(id[1]), kind: 'like', interestId: Number(id[2]), verdict: null, undone: true, read: true, hidden: false });
    const after = articleOf(await (await ada.browser.request('/')).text(), 'a starter that rises') ?? '';
    assert.match(after, /data-action="like" aria-pressed="false"/);
    const user = (await fx.store.userByName('ada'))!;
    assert.deepEqual((await fx.store.feedbackOn(user.id, Number(id[1]))).filter((f) => f.kind !== 'click'), [], 'nothing left for the interest to learn from');
  });

  it('marks read and unread, one post or the whole page', async () => {
    const html = await (await ada.browser.request('/')).text();
    const id = /data-post-id="(\d+)"/.exec(html)![1];
    let res = await ada.browser.request(`/posts/${id}/read`, { form: { _csrf: ada.csrf, read: '0', back: '//evil.example/' } });
    assert.equal(res.headers.get('location'), '/', 'only a path on this site is a way back');
    assert.match(await (await ada.browser.request('/')).text(), new RegExp(`<article class="item" id="post-${id}"`));
    res = await ada.browser.request('/posts/read', { form: { _csrf: ada.csrf, id, back: '/' } });
    assert.equal(res.status, 303);
    assert.match(await (await ada.browser.request('/')).text(), new RegExp(`<article class="item read" id="post-${id}"`));
  });

  it('filters by interest and refuses bad input without a 500', async () => {
    assert.equal((await ada.browser.request('/?interest=Baking')).status, 200);
    assert.equal((await ada.browser.request('/?interest=Knitting')).status, 404);
    assert.equal((await ada.browser.request('/?before=soon')).status, 400);
    const html = await (await ada.browser.request('/?before=-1e9')).text();
    assert.match(html, /That is all/);
    const post = (await fx.store.posts({ limit: 1 }))[0];
    for (const form of [{ kind: 'love' }, { kind: 'click' }, { kind: 'like', interest: 'abc' }] as Record<string, string>[]) {
      assert.equal((await ada.browser.request(`/posts/${post.id}/feedback`, { form: { _csrf: ada.csrf, ...form } })).status, 400, JSON.stringify(form));
    }
    assert.equal((await ada.browser.request('/posts/999999/feedback', { form: { _csrf: ada.csrf, kind: 'like' } })).status, 404);
    assert.equal((await ada.browser.request(`/posts/${post.id}/read`, { form: { _csrf: ada.csrf, read: 'yes' } })).status, 400);
    assert.equal((await ada.browser.request(`/posts/${post.id}/feedback`, { form: { kind: 'like' } })).status, 403, 'no CSRF token');
  });

  it('sends a signed-out visitor to sign in, and keeps readers apart', async () => {
    const stranger = new TestClient(fx.app);
    const res = await stranger.request('/');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/login');

    const bob = await fx.signUp('bob');
    const adaInterest = (await fx.store.interests((await fx.store.userByName('ada'))!.id))[0];
    const post = (await fx.store.posts({ limit: 1 }))[0];
    const refused = await bob.browser.request(`/posts/${post.id}/feedback`, { form: { _csrf: bob.csrf, kind: 'offtopic', interest: String(adaInterest.id) } });
    assert.equal(refused.status, 404, "ada's interest is not bob's to teach");
    assert.doesNotMatch(await refused.text(), /Baking/);
    const bobFeed = await (await bob.browser.request('/')).text();
    assert.match(bobFeed, /Welcome to Sluice/, "bob follows nothing and has no interests: ada's are not his");
    assert.doesNotMatch(bobFeed, /Baking|Sourdough/);
    assert.equal((await bob.browser.request('/?interest=Baking')).status, 404);
  });
});
