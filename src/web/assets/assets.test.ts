import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { createApp } from '../app.ts';
import { assetUrl } from './assets.ts';

test('assets: served with a content hash in the URL, cached for a year, revalidated otherwise', async () => {
  const store = openSqliteStore(':memory:');
  const app = createApp(store);
  const css = await app.request(assetUrl('sluice.css'));
  assert.equal(css.status, 200);
  assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
  assert.equal(css.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.match(await css.text(), /prefers-color-scheme: dark/);
  const etag = css.headers.get('etag')!;
  assert.match(assetUrl('sluice.js'), /^\/assets\/sluice\.js\?v=[0-9a-f]{12}$/);

  const stale = await app.request('/assets/sluice.js?v=old');
  assert.equal(stale.headers.get('cache-control'), 'no-cache');
  assert.equal(stale.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal((await app.request('/assets/sluice.css', { headers: { 'if-none-match': etag } })).status, 304);
  assert.equal((await app.request('/assets/nothing.js')).status, 404);
  assert.equal((await app.request('/assets/..%2Fassets.ts')).status, 404);
  await store.close();
});

test('every page carries a CSP that runs only our own script: no inline script, no inline style', async () => {
  const store = openSqliteStore(':memory:');
  const res = await createApp(store).request('/setup');
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /style-src 'self'(;|$)/);
  assert.match(csp, /object-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const html = await res.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/, 'no inline script');
  assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline style');
  await store.close();
});
