import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { post } from '../store/store-conformance.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { createApp } from './app.ts';
import { TestClient } from './auth/test-client.ts';

describe('web app', () => {
  it('answers /healthz without signing in, and shows posts with titles escaped once signed in', async () => {
    const store = openSqliteStore(':memory:');
    const app = createApp(store);
    assert.deepEqual(await (await app.request('/healthz')).json(), { status: 'ok' });
    const browser = new TestClient(app);
    const csrf = await browser.csrf('/setup');
    await browser.request('/setup', { form: { _csrf: csrf, name: 'ada', password: 'password1', confirm: 'password1' } });
    assert.match(await (await browser.request('/')).text(), /Welcome to Sluice/);

    const user = await store.defaultUser();
    assert.equal(user.name, 'ada');
    const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed' });
    await store.saveFetch(feed.id, {
      kind: 'fetched',
      at: new Date(),
      httpStatus: 200,
      feedTitle: 'Feed <One>',
      nextFetchAt: new Date(),
      posts: [post('x', { title: '<img src=x onerror=alert(1)> Title' })],
    });
    const [stored] = await store.posts({ limit: 1 });
    const html = await (await browser.request(`/posts/${stored.id}`)).text();
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; Title/);
    assert.match(html, /Feed &lt;One&gt;/);
    assert.doesNotMatch(html, /<img src=x/);
    await store.close();
  });
});
