// A large-ish OPML import in a real browser: the upload says it is working, the result page shows the
// fetching's progress, and the bar moves — without a reload — as feeds are fetched (here by a
// `sluice refresh` in another process, as the server's own scheduler would within its minute).
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, openBrowser, type BrowserSession } from './chromium.ts';
import { startFeedServer, type FeedServer } from './feed-server.ts';
import { blogFeed } from './kitchen-blog.ts';
import { guardAgainstScripts, type ScriptGuard } from './script-guard.ts';
import { signUpFirstAdmin } from './sign-in.ts';
import { sluice, startSluice, type SluiceServer } from './sluice-server.ts';

const FEEDS = 12;

describe('OPML import with progress in a real browser', { skip: chromiumMissing() }, () => {
  let blogs: FeedServer;
  let server: SluiceServer;
  let browser: BrowserSession;
  let guard: ScriptGuard;
  let page: Page;
  let dir: string;

  before(async () => {
    // Twelve feeds on one server; the last one is missing, so its fetch fails.
    blogs = await startFeedServer((base) =>
      Object.fromEntries(Array.from({ length: FEEDS - 1 }, (_, i) => [`/blog-${i}.xml`, blogFeed(`${base}/`)])),
    );
    server = await startSluice();
    browser = await openBrowser();
    guard = await guardAgainstScripts(browser.context);
    page = await browser.context.newPage();
    dir = mkdtempSync(join(tmpdir(), 'sluice-opml-'));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await blogs?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports, shows 0 of N, and the bar fills as the feeds are fetched', async () => {
    await signUpFirstAdmin(page, server.url, 'ada');
    const outlines = Array.from({ length: FEEDS }, (_, i) => `<outline type="rss" text="Blog ${i}" xmlUrl="${blogs.url(`/blog-${i}.xml`)}"/>`).join('\n');
    const file = join(dir, 'subscriptions.opml');
    writeFileSync(file, `<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body><outline text="Blogs">${outlines}</outline></body></opml>`);

    await page.goto(server.url + '/feeds');
    await page.getByLabel('OPML file from another reader').setInputFiles(file);
    await Promise.all([page.waitForURL('**/feeds/import'), page.getByRole('button', { name: 'Import' }).click()]);
    assert.equal((await page.locator('main h1').innerText()).trim(), `Imported ${FEEDS} feeds`);
    const bar = page.locator('progress#fetch-progress');
    assert.deepEqual([await bar.getAttribute('value'), await bar.getAttribute('max')], ['0', String(FEEDS)]);

    await sluice(server.dataDir, ['refresh']);
    // The script polls every 4 s: the line changes in place.
    await page.locator('#progress-line', { hasText: `All ${FEEDS} feeds fetched` }).waitFor({ timeout: 20_000 });
    assert.equal(await bar.evaluate((el) => (el as HTMLProgressElement).value), FEEDS);
    assert.equal(new URL(page.url()).pathname, '/feeds/import', 'no reload');

    await page.goto(server.url + '/feeds');
    assert.equal(await page.locator('progress#fetch-progress').count(), 0, 'nothing left to fetch');
    const failing = page.locator('tr', { hasText: `blog-${FEEDS - 1}.xml` });
    assert.match(await failing.innerText(), /error/, 'the missing feed shows its failure');
  });

  it("the app's own script logged no errors", () => {
    assert.deepEqual(guard.incidents, []);
  });
});
