// The audit must be able to fail: each kind of dangerous markup it looks for is reported, and the
// same markup made harmless is not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, openBrowser, type BrowserSession } from './chromium.ts';
import { injectedMarkup } from './dom-audit.ts';

describe('DOM audit', { skip: chromiumMissing() }, () => {
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    browser = await openBrowser();
    page = await browser.context.newPage();
  });
  after(() => browser?.close());

  it('reports handlers with a payload, script URLs, payload scripts, frames with srcdoc and plugins', async () => {
    await page.setContent(`<a href=" java&#9;script:__pwned(1)">a</a><img src="x" onerror="__pwned(2)">
<iframe srcdoc="<b>x</b>"></iframe><script>__pwned(3)</script><script>let harmless = 1;</script><object data="x"></object>
<div style="background:url(javascript:__pwned(4))">d</div><a href="data:text/html,x">b</a><meta http-equiv="refresh" content="3600">`);
    const found = (await injectedMarkup(page)).join('\n');
    for (const evidence of ['<a href= java', '<img onerror=__pwned(2)', '<iframe srcdoc=', '<script __pwned(3)', '<script let harmless', '<object', '<div style=', '<a href=data:text/html', '<meta']) {
      assert.ok(found.includes(evidence), `audit missed ${evidence}; found:\n${found}`);
    }
  });

  it('passes the same content sanitized: escaped text, safe links, handlers without payloads', async () => {
    await page.setContent(`<p>&lt;script&gt;__pwned(1)&lt;/script&gt; and onerror=__pwned(2)</p><a href="https://example.org/">ok</a>
<a href="/posts/1" title="javascript:__pwned(3)">quoted in a title</a><img src="/a.png" alt="onerror=__pwned(4)">
<script src="/assets/app.js"></script><script type="application/ld+json">{}</script>`);
    assert.deepEqual(await injectedMarkup(page), []);
  });
});
