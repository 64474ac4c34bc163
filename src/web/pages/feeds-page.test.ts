import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestClient } from '../auth/test-client.ts';
import { readerFixture, type ReaderFixture } from './reader-fixture.ts';
import { STARTER_PACK } from './starter-pack.ts';

const POSTS = [{ title: 'Proofing dough in a cold kitchen', text: 'A long cold proof makes a better loaf.' }];

/** A multipart upload of one OPML file, as a browser sends the import form. */
function opmlUpload(csrf: string, xml: string, name = 'subs.opml'): { body: FormData } {
  const body = new FormData();
  body.set('_csrf', csrf);
  body.set('opml', new File([xml], name, { type: 'text/x-opml' }));
  return { body };
}

describe('the feeds page', () => {
  let fx: ReaderFixture;
  let ada: { browser: TestClient; csrf: string };

  before(async () => {
    fx = await readerFixture(POSTS);
    ada = await fx.signUp('ada');
  });
  after(() => fx.close());

  it('offers the starter pack, the add form and the import form to a reader with no feeds', async () => {
    const html = await (await ada.browser.request('/feeds')).text();
    assert.match(html, /Subscribe to the starter pack/);
    assert.match(html, new RegExp(`${STARTER_PACK.feedCount} personal blogs`));
    assert.equal(STARTER_PACK.feedCount, 92);
    assert.match(html, /<label for="feed-url">Feed or site address<\/label>/);
    assert.match(html, /enctype="multipart\/form-data"/);
    assert.doesNotMatch(html, /export\.opml/, 'nothing to export yet');
  });

  it('subscribes by a site address (discovery), then lists the feed with its health', async () => {
    const res = await ada.browser.request('/feeds', { form: { _csrf: ada.csrf, url: `${fx.base}/` } });
    assert.equal(res.status, 303);
    const html = await (await ada.browser.request(res.headers.get('location')!)).text();
    assert.match(html, /Subscribed to “Kitchen Notes”/);
    assert.match(html, new RegExp(`${fx.base}/feed\\.xml`));
    assert.match(html, /status-active">active · 200/);
    assert.match(html, /<time datetime="[^"]+"[^>]*>just now<\/time>/, 'last fetch');
    assert.doesNotMatch(html, /Subscribe to the starter pack/, 'the starter pack is for empty lists');
    const again = await ada.browser.request('/feeds', { form: { _csrf: ada.csrf, url: `${fx.base}/feed.xml` } });
    assert.match(await (await ada.browser.request(again.headers.get('location')!)).text(), /You already follow/);
  });

  it('shows refusals next to the form, keeping the address typed', async () => {
    for (const [url, status, message] of [
      [`${fx.base}/missing`, 422, /404|no feed/i],
      ['ftp://example.com/feed', 400, /only http and https/i],
      ['', 400, /enter the address/i],
    ] as const) {
      const res = await ada.browser.request('/feeds', { form: { _csrf: ada.csrf, url } });
      assert.equal(res.status, status, url);
      const html = await res.text();
      assert.match(html, /class="error" role="alert"/);
      assert.match(html, message);
      if (url) assert.match(html, new RegExp(`value="${url.replace(/[.]/g, '\\.')}"`));
    }
  });

  it('imports an OPML upload and says how many feeds; a malformed file is refused on the page', async () => {
    const xml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="Tech"><outline type="rss" text="A" xmlUrl="https://a.example/feed"/><outline type="rss" text="B" xmlUrl="https://b.example/feed"/></outline>
<outline type="rss" text="Kitchen" xmlUrl="${fx.base}/feed.xml"/></body></opml>`;
    const res = await ada.browser.request('/feeds/import', opmlUpload(ada.csrf, xml));
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<h1>Imported 3 feeds<\/h1>/);
    assert.match(html, /<strong>2 new<\/strong>, 1 you already followed/);
    // Two feeds wait for the background refresh (the one added by URL was fetched at once).
    assert.match(html, /<progress id="fetch-progress" max="3" value="1"[^>]*>1 of 3<\/progress>/);
    assert.match(html, /1 of 3 feeds fetched\./);
    assert.match(html, /data-progress-url="\/feeds\/progress"/);
    const progress = await ada.browser.request('/feeds/progress');
    assert.equal(progress.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await progress.json(), { total: 3, fetched: 1, failing: 0 });
    const feeds = await (await ada.browser.request('/feeds')).text();
    assert.match(feeds, /<progress id="fetch-progress" max="3" value="1"/, 'the feeds page shows it too');
    assert.equal((feeds.match(/class="status status-waiting">waiting</g) ?? []).length, 2, 'a feed never fetched says it is waiting');
    const bad = await ada.browser.request('/feeds/import', opmlUpload(ada.csrf, '<opml><body>'));
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /id="import-error"/);
    assert.equal((await ada.browser.request('/feeds/import', { body: new FormData() })).status, 403, 'no CSRF token');
  });

  it('moves the bar as the background refresh fetches; gone once all are fetched; per reader', async () => {
    const user = (await fx.store.userByName('ada'))!;
    const waiting = (await fx.store.subscriptions(user.id)).filter((s) => !s.feed.lastFetchAt);
    assert.equal(waiting.length, 2);
    const at = new Date();
    await fx.store.saveFetch(waiting[0].feed.id, { kind: 'failed', at, httpStatus: 503, error: 'HTTP 503', disable: false, nextFetchAt: new Date(at.getTime() + 600_000) });
    assert.deepEqual(await (await ada.browser.request('/feeds/progress')).json(), { total: 3, fetched: 2, failing: 1 });
    assert.match(await (await ada.browser.request('/feeds')).text(), /2 of 3 feeds fetched \(1 failing: see below\)\./);
    await fx.store.saveFetch(waiting[1].feed.id, { kind: 'failed', at, httpStatus: 410, error: 'HTTP 410 Gone', disable: true, nextFetchAt: new Date(at.getTime() + 600_000) });
    const done = await (await ada.browser.request('/feeds')).text();
    assert.doesNotMatch(done, /fetch-progress/, 'nothing left to wait for');
    const gone = done.split('<tr').find((row) => row.includes(`data-feed-id="${waiting[1].feed.id}"`)) ?? '';
    assert.match(gone, /status-disabled">disabled · 410</);
    assert.match(gone, /never \(disabled\)/, 'a disabled feed is not due');
    assert.match(gone, /HTTP 410 Gone/, 'the error column says why');
    const stranger = await fx.signUp('dee');
    assert.deepEqual(await (await stranger.browser.request('/feeds/progress')).json(), { total: 0, fetched: 0, failing: 0 });
    const { TestClient } = await import('../auth/test-client.ts');
    assert.equal((await new TestClient(fx.app).request('/feeds/progress')).status, 303, 'signed out: to the sign-in page');
  });

  it('refuses an upload over the limit before reading it', async () => {
    const huge = 'x'.repeat(6 * 1024 * 1024);
    const res = await ada.browser.request('/feeds/import', opmlUpload(ada.csrf, huge));
    assert.equal(res.status, 413);
  });

  it('exports OPML as a download', async () => {
    const res = await ada.browser.request('/feeds/export.opml');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment/);
    const xml = await res.text();
    assert.match(xml, /https:\/\/a\.example\/feed/);
    assert.match(xml, /text="Tech"/);
  });

  it('unsubscribes from own feeds only', async () => {
    const feeds = await fx.store.subscriptions((await fx.store.userByName('ada'))!.id);
    const a = feeds.find((s) => s.feed.url === 'https://a.example/feed')!;
    const bob = await fx.signUp('bob');
    assert.equal((await bob.browser.request(`/feeds/${a.feed.id}/unsubscribe`, { form: { _csrf: bob.csrf } })).status, 404);
    assert.doesNotMatch(await (await bob.browser.request('/feeds')).text(), /a\.example/);
    assert.equal((await bob.browser.request('/feeds/abc/unsubscribe', { form: { _csrf: bob.csrf } })).status, 404);
    const res = await ada.browser.request(`/feeds/${a.feed.id}/unsubscribe`, { form: { _csrf: ada.csrf } });
    assert.equal(res.status, 303);
    assert.match(await (await ada.browser.request(res.headers.get('location')!)).text(), /Unsubscribed from “A”/);
  });

  it('subscribes a newcomer to the starter pack', async () => {
    const cyd = await fx.signUp('cyd');
    const res = await cyd.browser.request('/feeds/starter-pack', { form: { _csrf: cyd.csrf } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<h1>Imported 92 feeds<\/h1>/);
    assert.equal((await fx.store.subscriptions((await fx.store.userByName('cyd'))!.id)).length, 92);
  });

  it('sends a signed-out visitor to sign in', async () => {
    const { TestClient } = await import('../auth/test-client.ts');
    const res = await new TestClient(fx.app).request('/feeds');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/login?next=%2Ffeeds');
  });
});
