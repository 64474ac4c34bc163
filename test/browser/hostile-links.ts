// Clicking what a hostile feed linked: every link or button on a page whose text carries the fixture's
// click marker, and every link that leads off the site (in the XSS fixture, each one was written as
// javascript:, data: or vbscript:). Whatever it became after sanitizing, clicking it must run nothing.
import type { Page } from 'playwright-core';
import { CLICK_MARKER } from './xss-feed.ts';

/** Clicks each one, coming back to the page after any navigation; returns how many were clicked. */
export async function clickHostileLinks(page: Page): Promise<number> {
  const url = page.url();
  const origin = new URL(url).origin;
  const targets = await page.locator('main a, main button').evaluateAll(
    (els, { marker, origin }) =>
      els.map((el, index) => {
        const text = (el.textContent ?? '').trim();
        const href = el.getAttribute('href');
        const offSite = el.tagName === 'A' && href !== null && !href.startsWith('#') && new URL(href, location.href).origin !== origin;
        return text.startsWith(marker) || offSite ? index : -1;
      }),
    { marker: CLICK_MARKER, origin },
  );
  let clicked = 0;
  for (const index of targets.filter((i) => i >= 0)) {
    if (page.url() !== url) await page.goto(url);
    // A sanitized link may be hidden in a clipped preview: click it anyway, as a keyboard user could.
    await page.locator('main a, main button').nth(index).click({ force: true, noWaitAfter: true, timeout: 5_000 });
    await page.waitForTimeout(150);
    for (const popup of page.context().pages()) if (popup !== page) await popup.close();
    clicked++;
  }
  if (page.url() !== url) await page.goto(url);
  return clicked;
}
