import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestClient } from '../auth/test-client.ts';
import { readerFixture, type ReaderFixture } from './reader-fixture.ts';

const POSTS = [
  { title: 'Sourdough bread: a starter that rises twice as fast', text: 'Feed the sourdough starter flour and water, knead the dough, proof the loaf overnight and bake the bread in a hot oven.' },
  { title: 'The local football derby ends in a draw', text: 'Both teams scored in the second half; the goalkeeper saved a late penalty.' },
];

describe('the interest pages', () => {
  let fx: ReaderFixture;
  let ada: { browser: TestClient; csrf: string };
  let bakingId: number;

  before(async () => {
    fx = await readerFixture(POSTS);
    ada = await fx.signUp('ada');
    await ada.browser.request('/feeds', { form: { _csrf: ada.csrf, url: `${fx.base}/feed.xml` } });
  });
  after(() => fx.close());

  it('lists no interests with a word on what one is, and offers the add form', async () => {
    const html = await (await ada.browser.request('/interests')).text();
    assert.match(html, /No interests yet/);
    assert.match(html, /<label for="interest-name">Name<\/label>/);
    assert.match(html, /<label for="interest-keywords">Keywords<\/label>/);
    assert.match(html, /data-action="suggest"/);
    assert.match(await (await ada.browser.request('/interests/new')).text(), /<h1>New interest<\/h1>/);
  });

  it('suggests keywords: as JSON for the script, and as ticked boxes without it', async () => {
    const res = await ada.browser.request('/interests/suggest?name=Baking&keywords=sourdough,%20bread', { headers: { accept: 'application/json' } });
    assert.equal(res.status, 200);
    const { suggestions } = (await res.json()) as { suggestions: string[] };
    assert.ok(Array.isArray(suggestions) && suggestions.length > 0, JSON.stringify(suggestions));
    assert.ok(!suggestions.some((s) => /^(sourdough|bread)$/i.test(s)), 'typed keywords are not suggested again');
    const html = await (await ada.browser.request('/interests', { form: { _csrf: ada.csrf, name: 'Baking', keywords: 'sourdough, bread', intent: 'suggest' } })).text();
    assert.match(html, /<input type="checkbox" name="add_keyword" value="[^"]+">/);
    assert.match(html, /value="sourdough, bread"/, 'what was typed stays in the form');
    assert.equal((await fx.store.interests((await fx.store.userByName('ada'))!.id)).length, 0, 'asking for suggestions saves nothing');
  });

  it('adds an interest (with ticked suggestions) and shows "Posts in NAME (N found)"', async () => {
    const body = new URLSearchParams({ _csrf: ada.csrf, name: 'Baking', keywords: 'sourdough, bread', intent: 'save' });
    body.append('add_keyword', 'oven');
    const res = await ada.browser.request('/interests', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.status, 303);
    const location = res.headers.get('location')!;
    bakingId = Number(/^\/interests\/(\d+)$/.exec(location)?.[1]);
    const interest = (await fx.store.interests((await fx.store.userByName('ada'))!.id))[0];
    assert.deepEqual(interest.keywords, ['sourdough', 'bread', 'oven']);
    const html = await (await ada.browser.request(location)).text();
    assert.match(html, /Posts in Baking <span class="count">\(1 found\)<\/span>/);
    assert.match(html, /<mark>Sourdough<\/mark>/);
    assert.doesNotMatch(html, /football/);
    assert.match(html, new RegExp(`href="/interests/${bakingId}/advanced"`));
  });

  it('refuses a duplicate or empty interest on the form, keeping what was typed', async () => {
    let res = await ada.browser.request('/interests', { form: { _csrf: ada.csrf, name: 'baking', keywords: 'rye' } });
    assert.equal(res.status, 409);
    let html = await res.text();
    assert.match(html, /role="alert"/);
    assert.match(html, /value="rye"/);
    res = await ada.browser.request('/interests', { form: { _csrf: ada.csrf, name: '   ', keywords: '' } });
    assert.equal(res.status, 400);
    res = await ada.browser.request('/interests', { form: { _csrf: ada.csrf, name: 'The', keywords: 'and, of' } });
    assert.equal(res.status, 400);
    html = await res.text();
    assert.match(html, /no word to match on/);
  });

  it('shows the Advanced view: every term with weight and origin, and the refused words', async () => {
    const res = await ada.browser.request(`/interests/${bakingId}/edit`);
    assert.equal(res.status, 200);
    await ada.browser.request(`/interests/${bakingId}`, { form: { _csrf: ada.csrf, name: 'Baking', keywords: 'sourdough, bread, oven, the', description: 'Home baking of bread', intent: 'save' } });
    const html = await (await ada.browser.request(`/interests/${bakingId}/advanced`)).text();
    assert.match(html, /<h1>Baking: Advanced<\/h1>/);
    for (const term of ['sourdough', 'bread', 'oven']) assert.match(html, new RegExp(`<th scope="row">${term}`));
    assert.match(html, /your keyword/);
    assert.match(html, /the description|the name/);
    assert.match(html, /<meter class="weight"/);
    assert.match(html, /<b>the<\/b>: too common a word/);
    assert.match(html, /<h3>Related in meaning<\/h3>.*<ul class="chips"><li><span class="tag">/s, 'suggestions near the terms in meaning');
  });

  it('keeps interests apart: another reader gets 404 for every page and form of it', async () => {
    const bob = await fx.signUp('bob');
    for (const path of [`/interests/${bakingId}`, `/interests/${bakingId}/edit`, `/interests/${bakingId}/advanced`]) {
      const res = await bob.browser.request(path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /sourdough/i);
    }
    assert.equal((await bob.browser.request(`/interests/${bakingId}`, { form: { _csrf: bob.csrf, name: 'Mine now' } })).status, 404);
    assert.equal((await bob.browser.request(`/interests/${bakingId}/delete`, { form: { _csrf: bob.csrf } })).status, 404);
    assert.doesNotMatch(await (await bob.browser.request('/interests')).text(), /Baking/);
    assert.equal((await bob.browser.request('/interests/abc')).status, 404);
  });

  it('removes an interest', async () => {
    const res = await ada.browser.request(`/interests/${bakingId}/delete`, { form: { _csrf: ada.csrf } });
    assert.equal(res.status, 303);
    const html = await (await ada.browser.request(res.headers.get('location')!)).text();
    assert.match(html, /Removed “Baking”/);
    assert.equal((await ada.browser.request(`/interests/${bakingId}`)).status, 404);
  });
});
