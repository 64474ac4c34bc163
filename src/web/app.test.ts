import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { post } from '../store/store-conformance.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { createApp } from './app.ts';

describe('web app', () => {
  it('answers /healthz and lists posts with titles escaped', async () => {
    const store = openSqliteStore(':memory:');
    const app = createApp(store);
    assert.deepEqual(await (await app.request('/healthz')).json(), { status: 'ok' });
    assert.match(await (await app.request('/')).text(), /No posts yet/);

    const user = await store.defaultUser();
    const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed' });
    await store.saveFetch(feed.id, {
      kind: 'fetched',
      at: new Date(),
      httpStatus: 200,
      feedTitle: 'Feed <One>',
      nextFetchAt: new Date(),
      posts: [post('x', { title: '<img src=x onerror=alert(1)> Title' })],
    });
    const html = await (await app.request('/')).text();
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; Title/);
    assert.match(html, /Feed &lt;One&gt;/);
    assert.doesNotMatch(html, /<img src=x/);
    await store.close();
  });
});
