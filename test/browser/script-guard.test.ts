// The guard must be able to fail: each way a payload can run is caught, in pages and in frames.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, openBrowser, type BrowserSession } from './chromium.ts';
import { guardAgainstScripts, type ScriptGuard } from './script-guard.ts';

describe('script guard', { skip: chromiumMissing() }, () => {
  let browser: BrowserSession;
  let guard: ScriptGuard;

  before(async () => {
    browser = await openBrowser();
    guard = await guardAgainstScripts(browser.context);
  });
  after(() => browser?.close());

  it('sees nothing on a page without scripts', async () => {
    const page = await browser.context.newPage();
    await page.setContent('<p>plain <b>text</b></p><img src="/missing.png">');
    await page.waitForTimeout(100);
    assert.deepEqual(guard.incidents, []);
    await page.close();
  });

  it('sees __pwned calls, dialogs, console output and uncaught errors, in frames too', async () => {
    const page = await browser.context.newPage();
    await page.setContent(`<img src="x" onerror="__pwned('img-onerror')">
<iframe srcdoc="<script>__pwned('iframe-srcdoc')</script>"></iframe>
<script>alert('alerted')</script><script>console.log('logged')</script><script>throw new Error('thrown')</script>`);
    await page.waitForFunction(() => document.querySelector('iframe')?.contentDocument?.readyState === 'complete');
    await page.waitForTimeout(200);
    const seen = guard.incidents.join('\n');
    for (const evidence of ['__pwned(img-onerror)', '__pwned(iframe-srcdoc)', 'alert("alerted")', 'console.log("logged")', 'uncaught thrown']) {
      assert.ok(seen.includes(evidence), `guard missed ${evidence}; saw:\n${seen}`);
    }
    await page.close();
  });
});
