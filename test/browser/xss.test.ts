// Hostile feeds in a real browser: titles, content, links and names carrying script payloads render on
// the feed page, every post page and every other page of the app with no script run — not on load,
// not on hover or focus, not when the links they carried are clicked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, openBrowser, type BrowserSession } from './chromium.ts';
import { injectedMarkup, provokeHandlers } from './dom-audit.ts';
import { startFeedServer, type FeedServer } from './feed-server.ts';
import { clickHostileLinks } from './hostile-links.ts';
import { guardAgainstScripts, type ScriptGuard } from './script-guard.ts';
import { PASSWORD, signIn } from './sign-in.ts';
import { newDataDir, sluice, startSluice, type SluiceServer } from './sluice-server.ts';
import { XSS_ATOM_POSTS, XSS_INTEREST, XSS_KEYWORD, XSS_POST_LABELS, xssAtom, xssRss } from './xss-feed.ts';

const USER = 'reader';
const POSTS = XSS_POST_LABELS.length + XSS_ATOM_POSTS;
/** Pages reached by following the app's own links from the feed page (account, interests, subscriptions…). */
const MAX_CRAWLED_PAGES = 30;

describe('hostile feeds in a real browser', { skip: chromiumMissing() }, () => {
  let feeds: FeedServer;
  let server: SluiceServer;
  let browser: BrowserSession;
  let guard: ScriptGuard;
  let page: Page;

  before(async () => {
    feeds = await startFeedServer(() => ({ '/evil.rss': xssRss(), '/evil.atom': xssAtom() }));
    // Set up through the CLI, so this test depends on no page but the ones it attacks.
    const dataDir = newDataDir();
    await sluice(dataDir, ['users', 'add', USER, '--password-stdin'], PASSWORD);
    await sluice(dataDir, ['feeds', 'add', feeds.url('/evil.rss')]);
    await sluice(dataDir, ['feeds', 'add', feeds.url('/evil.atom')]);
    await sluice(dataDir, ['interests', 'add', XSS_INTEREST, '--keywords', XSS_KEYWORD]);
    server = await startSluice(dataDir);
    browser = await openBrowser();
    guard = await guardAgainstScripts(browser.context);
    page = await browser.context.newPage();
    await signIn(page, server.url, USER);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await feeds?.close();
  });

  /** Nothing ran, and nothing is left in the DOM that would run on a click or a hover. */
  async function assertNoScriptRan(where: string): Promise<void> {
    await provokeHandlers(page);
    await page.waitForTimeout(200);
    assert.deepEqual(await injectedMarkup(page), [], `dangerous markup on ${where}`);
    assert.deepEqual(guard.incidents, [], `script ran on ${where}`);
  }

  it('the feed page ranks every hostile post and runs none of their scripts', async () => {
    await page.goto(server.url + '/', { waitUntil: 'load' });
    const items = page.locator('article[data-post-id]');
    assert.equal(await items.count(), POSTS, `every hostile post should be on the feed page:\n${await page.locator('main').innerText()}`);
    // Real pointer and keyboard over each item: titles that broke out of an attribute would fire here.
    for (const item of await items.all()) {
      await item.hover();
      await item.locator('.score').first().hover();
      await item.locator('.score').first().focus();
    }
    await assertNoScriptRan('the feed page');
    // Items show a text summary and an "Original" link only for http(s) addresses; whatever is left, click it.
    await clickHostileLinks(page);
    assert.deepEqual(guard.incidents, [], 'script ran when clicking the feed page links');
  });

  it('every post page shows the sanitized content and runs nothing, even when its links are clicked', async (t) => {
    await page.goto(server.url + '/', { waitUntil: 'load' });
    const postPages = await postPageUrls(page);
    assert.equal(postPages.length, POSTS, 'each feed item should link its post page (a same-site link ending in its data-post-id)');
    let clicked = 0;
    for (const url of postPages) {
      await page.goto(url, { waitUntil: 'load' });
      assert.match(await page.locator('main').innerText(), new RegExp(XSS_KEYWORD), `the post page ${url} should show the post`);
      await assertNoScriptRan(url);
      clicked += await clickHostileLinks(page);
      assert.deepEqual(guard.incidents, [], `script ran when clicking the links of ${url}`);
    }
    t.diagnostic(`post pages checked: ${postPages.length}, hostile links clicked: ${clicked}`);
    assert.ok(clicked >= 1, 'the post pages should keep the text of the hostile links (sanitized) for this test to click');
  });

  it("every other page of the app (subscriptions with the feed's own title and link, interests…) runs nothing", async (t) => {
    const visited = await crawl(page, server.url, async (url) => {
      await assertNoScriptRan(url);
      await clickHostileLinks(page); // the feed's own javascript: link, on the feeds page
      assert.deepEqual(guard.incidents, [], `script ran when clicking the links of ${url}`);
    });
    t.diagnostic(`pages checked: ${visited.map((u) => new URL(u).pathname).join(' ')}`);
    assert.ok(visited.length >= 2, `expected more pages linked from the feed page than ${visited.join(', ')}`);
  });
});

/** Each feed item's post page: the same-site link in the item whose path ends with the item's id. */
async function postPageUrls(page: Page): Promise<string[]> {
  return page.locator('article[data-post-id]').evaluateAll((items) =>
    items.flatMap((item) => {
      const id = item.getAttribute('data-post-id');
      const link = Array.from(item.querySelectorAll('a[href]'))
        .map((a) => new URL(a.getAttribute('href') as string, location.href))
        .find((u) => u.origin === location.origin && u.pathname.endsWith(`/${id}`));
      return link ? [link.href] : [];
    }),
  );
}

/**
 * Every page reachable from the feed page through the app's own GET links (not signing out, not
 * downloads, not the post pages the previous test covered), each checked by `check`.
 */
async function crawl(page: Page, baseUrl: string, check: (url: string) => Promise<void>): Promise<string[]> {
  const skip = /^\/(logout|api\/)|export|\.(opml|xml|json)$|^\/posts?\/\d+/;
  const queue = [baseUrl + '/'];
  const seen = new Set(queue);
  const visited: string[] = [];
  while (queue.length && visited.length < MAX_CRAWLED_PAGES) {
    const url = queue.shift() as string;
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response?.headers()['content-type']?.startsWith('text/html')) continue;
    visited.push(url);
    await check(url);
    const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const link of links) {
      const u = new URL(link);
      u.hash = '';
      if (u.origin !== new URL(baseUrl).origin || skip.test(u.pathname) || seen.has(u.href)) continue;
      seen.add(u.href);
      queue.push(u.href);
    }
  }
  return visited;
}
