// A newcomer's first session in a real browser, against the real server: set up the admin account,
// subscribe to a blog by its address, add an interest, and read — the matching post first with its
// terms in bold, the score's breakdown on hover and on focus, an off-topic post dismissed with `x`
// for good, j/k/o/? on the keyboard. A screenshot of the feed is saved for a person to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, openBrowser, type BrowserSession } from './chromium.ts';
import { startFeedServer, type FeedServer } from './feed-server.ts';
import { BLOG_TITLE, blogFeed, blogHome, INTEREST, OFF_TOPIC, ON_TOPIC } from './kitchen-blog.ts';
import { guardAgainstScripts, type ScriptGuard } from './script-guard.ts';
import { signUpFirstAdmin } from './sign-in.ts';
import { startSluice, type SluiceServer } from './sluice-server.ts';

/** Gitignored; the path is printed as a test diagnostic. */
const SCREENSHOT_DIR = fileURLToPath(new URL('./output/', import.meta.url));

describe('a first session in a real browser', { skip: chromiumMissing() }, () => {
  let blog: FeedServer;
  let server: SluiceServer;
  let browser: BrowserSession;
  let guard: ScriptGuard;
  let page: Page;

  before(async () => {
    blog = await startFeedServer((base) => ({ '/': blogHome('/feed.xml'), '/feed.xml': blogFeed(`${base}/`) }));
    server = await startSluice();
    browser = await openBrowser();
    // The app's own script must not throw or log errors either: the guard catches that too.
    guard = await guardAgainstScripts(browser.context);
    page = await browser.context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await blog?.close();
  });

  /** The feed item whose title says `title`. */
  const itemTitled = (title: string): Locator => page.locator('article.item').filter({ has: page.locator('.item-title', { hasText: title }) });

  it('first run: /setup creates the admin account and signs in', async () => {
    await signUpFirstAdmin(page, server.url, 'ada');
  });

  it('subscribes to a blog by its site address on the feeds page (the feed is discovered)', async () => {
    await page.goto(server.url + '/feeds');
    await page.getByLabel('Feed or site address').fill(blog.url('/'));
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Subscribe', exact: true }).click()]);
    await page.waitForURL((url) => url.pathname.startsWith('/feeds'));
    const health = page.locator('main');
    await assertText(health, BLOG_TITLE, 'the feeds page should list the new subscription');
    await assertText(health, blog.url('/feed.xml'), 'the discovered feed address should be shown');
  });

  it('adds an interest on the interests page', async () => {
    await page.goto(server.url + '/interests');
    await page.getByLabel('Name', { exact: true }).fill(INTEREST.name);
    await page.getByLabel('Keywords', { exact: true }).fill(INTEREST.keywords);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Add interest' }).click()]);
    await assertText(page.locator('main'), INTEREST.name, `the interest should be listed after adding it (now on ${page.url()})`);
  });

  it('ranks the matching post first, its matched terms in bold', async () => {
    await page.goto(server.url + '/');
    const first = page.locator('article.item').first();
    await assertText(first.locator('.item-title'), ON_TOPIC.split(':')[0], `the matching post should be first; the feed is:\n${await titles(page)}`);
    const marked = first.locator('.item-title mark');
    assert.ok((await marked.count()) >= 1, 'matched terms in the title should be marked');
    const words = (await marked.allTextContents()).map((t) => t.toLowerCase());
    assert.ok(words.some((w) => /sourdough|bread|starter/.test(w)), `the marked words should be the interest's terms, got ${words.join(', ')}`);
    const weight = Number(await marked.first().evaluate((el) => getComputedStyle(el).fontWeight));
    assert.ok(weight >= 600, `matched terms should be bold (font-weight ${weight})`);
  });

  it("shows the score's breakdown on hover and on keyboard focus", async () => {
    const first = page.locator('article.item').first();
    const score = first.locator('.score');
    const breakdown = first.locator('.breakdown');
    assert.equal(await breakdown.isVisible(), false, 'the breakdown should be hidden until asked for');
    await score.hover();
    await breakdown.waitFor({ state: 'visible' });
    for (const part of ['semantic', 'lexical', 'feedback']) await assertText(breakdown, part, `the breakdown should show the ${part} part`);
    await page.mouse.move(0, 0);
    await breakdown.waitFor({ state: 'hidden' });
    // Keyboard: Tab through the page until the score has focus, as a keyboard user would.
    await page.locator('body').focus();
    for (let i = 0; i < 40 && !(await score.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    assert.ok(await score.evaluate((el) => el === document.activeElement), 'the score should be reachable with Tab');
    await breakdown.waitFor({ state: 'visible' });
  });

  it('keyboard: j/k move the selection, ? shows the help, o opens the selected post', async () => {
    await page.goto(server.url + '/');
    const items = page.locator('article.item');
    assert.ok((await items.count()) >= 3, `need a few items to move between; the feed is:\n${await titles(page)}`);
    const selected = () => items.evaluateAll((els) => els.findIndex((el) => el.classList.contains('current')));
    await page.keyboard.press('j');
    assert.equal(await selected(), 0, 'j selects the first item');
    await page.keyboard.press('j');
    assert.equal(await selected(), 1, 'j moves down');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(await selected(), 1, 'k moves up');
    assert.equal(await items.nth(1).evaluate((el) => el.contains(document.activeElement)), true, 'the selected item has focus');

    await page.keyboard.press('?');
    const help = page.locator('#shortcuts');
    await help.waitFor({ state: 'visible' });
    await assertText(help, 'j', 'the help should list the shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    const postId = await items.nth(1).getAttribute('data-post-id');
    const title = (await items.nth(1).locator('.item-title').innerText()).trim();
    await Promise.all([page.waitForURL(`**/posts/${postId}`), page.keyboard.press('o')]);
    await assertText(page.locator('main h1'), title, 'o should open the selected post');
  });

  it('x on an off-topic post hides it at once, and it stays hidden after a reload', async () => {
    await page.goto(server.url + '/');
    const offTopic = itemTitled(OFF_TOPIC);
    assert.equal(await offTopic.count(), 1, `the off-topic post should be in the feed before it is dismissed:\n${await titles(page)}`);
    const postId = await offTopic.getAttribute('data-post-id');
    // Select it with the keyboard: j until it is the current item.
    for (let i = 0; i < 10 && !(await offTopic.evaluate((el) => el.classList.contains('current'))); i++) await page.keyboard.press('j');
    assert.ok(await offTopic.evaluate((el) => el.classList.contains('current')), 'j should reach the off-topic post');
    await page.keyboard.press('x');
    await offTopic.waitFor({ state: 'hidden' });
    await assertText(page.locator('#live'), 'Off-topic', 'the change should be announced');

    await page.reload();
    assert.equal(await page.locator(`article.item[data-post-id="${postId}"]:visible`).count(), 0, `post ${postId} came back after a reload:\n${await titles(page)}`);
    await assertText(page.locator('article.item').first().locator('.item-title'), ON_TOPIC.split(':')[0], 'the matching post should still lead');
  });

  it('x then u (undo) hides a post and brings it back at once; Hidden posts brings one back too', async () => {
    await page.goto(server.url + '/');
    const items = page.locator('article.item');
    assert.ok((await items.count()) >= 2, `need a post to hide:\n${await titles(page)}`);
    const victim = items.last();
    const postId = await victim.getAttribute('data-post-id');
    const title = (await victim.locator('.item-title').innerText()).trim();
    const item = page.locator(`#post-${postId}`);
    for (let i = 0; i < 10 && !(await item.evaluate((el) => el.classList.contains('current'))); i++) await page.keyboard.press('j');
    await page.keyboard.press('x');
    await item.waitFor({ state: 'hidden' });
    await page.locator('#live button', { hasText: 'Undo' }).waitFor({ state: 'visible' });
    await page.keyboard.press('u');
    await item.waitFor({ state: 'visible' });
    await page.reload();
    assert.equal(await page.locator(`#post-${postId}`).count(), 1, 'the undo should survive a reload');

    await page.locator(`#post-${postId} button[data-action="offtopic"]`).click();
    await item.waitFor({ state: 'hidden' });
    await page.goto(server.url + '/hidden');
    const listed = page.locator(`#hidden-items #post-${postId}`);
    await assertText(listed, title, 'the hidden post should be listed on the hidden posts page');
    await listed.getByRole('button', { name: 'Show in my feed again' }).click();
    await listed.waitFor({ state: 'hidden' });
    await assertText(page.locator('#live'), 'back in your feed', 'bringing it back should be announced');
    await page.goto(server.url + '/');
    assert.equal(await page.locator(`#post-${postId}`).count(), 1, `the post should be back in the feed:\n${await titles(page)}`);
  });

  it('l likes the selected post, l again un-likes it, and the state survives a reload', async () => {
    await page.goto(server.url + '/');
    const first = page.locator('article.item').first();
    const like = first.locator('button[data-action="like"]');
    const postId = await first.getAttribute('data-post-id');
    await page.keyboard.press('j');
    await page.keyboard.press('l');
    await page.waitForFunction((id) => document.querySelector(`#post-${id} button[data-action="like"]`)?.getAttribute('aria-pressed') === 'true', postId);
    await page.keyboard.press('l');
    await page.waitForFunction((id) => document.querySelector(`#post-${id} button[data-action="like"]`)?.getAttribute('aria-pressed') === 'false', postId);
    await assertText(page.locator('#live'), 'Like withdrawn', 'the un-like should be announced');
    await page.reload();
    assert.equal(await like.getAttribute('aria-pressed'), 'false', 'un-liked after a reload');
  });

  it('fits a phone: no page scrolls sideways at 360 px', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    const postId = await page.locator('article.item').first().getAttribute('data-post-id');
    for (const path of ['/', '/feeds', '/interests', '/interests/new', '/hidden', '/account', `/posts/${postId}`]) {
      await phone.goto(server.url + path);
      const { scroll, width } = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      assert.ok(scroll <= width, `${path} is ${scroll} px wide in a ${width} px window`);
    }
    await phone.close();
  });

  it('saves a screenshot of the feed', async (t) => {
    await page.goto(server.url + '/');
    await page.locator('article.item .score').first().hover(); // the breakdown, in the picture
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, 'feed.png');
    await page.screenshot({ path, fullPage: true });
    t.diagnostic(`screenshot: ${path}`);
  });

  it("the app's own script logged no errors during the session", (t) => {
    if (guard.ignored.length) t.diagnostic(`resources that failed to load: ${guard.ignored.join('; ')}`);
    assert.deepEqual(guard.incidents, []);
  });
});

async function assertText(where: Locator, expected: string, message: string): Promise<void> {
  const text = await where.innerText();
  assert.ok(text.includes(expected), `${message}: "${expected}" not in:\n${text}`);
}

async function titles(page: Page): Promise<string> {
  return (await page.locator('article.item .item-title').allInnerTexts()).map((t, i) => `${i + 1}. ${t}`).join('\n');
}
