// What a page's DOM must never hold after rendering hostile feeds, whether or not anything has run yet:
// handlers carrying a payload, script-running URLs, inline scripts, frames and plugins from
// content. The script guard proves nothing ran; this proves nothing is waiting for a click or a hover.
import type { Frame, Page } from 'playwright-core';

/** One line per dangerous node, "<a href=javascript:…> on http://…/posts/3"; empty when clean. */
export async function injectedMarkup(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const frame of page.frames()) found.push(...(await auditFrame(frame)));
  return found;
}

async function auditFrame(frame: Frame): Promise<string[]> {
  const lines = await frame
    .evaluate(() => {
      const payload = /__pwned|alert\(|msgbox\(/;
      const scriptUrl = /^(javascript|vbscript|data:text\/html)/;
      const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background', 'poster', 'srcset'];
      const out: string[] = [];
      const describe = (el: Element, what: string) => `<${el.tagName.toLowerCase()} ${what.slice(0, 120)}>`;
      for (const el of Array.from(document.querySelectorAll('*'))) {
        for (const attr of Array.from(el.attributes)) {
          const name = attr.name.toLowerCase();
          // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
          const url = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
          if (name.startsWith('on') && payload.test(attr.value)) out.push(describe(el, `${name}=${attr.value}`));
          else if (urlAttributes.includes(name) && scriptUrl.test(url)) out.push(describe(el, `${name}=${attr.value}`));
          else if (name === 'srcdoc') out.push(describe(el, `srcdoc=${attr.value}`));
          else if (name === 'style' && /javascript:|expression\(/i.test(attr.value)) out.push(describe(el, `style=${attr.value}`));
        }
        const tag = el.tagName.toLowerCase();
        // The app's scripts are files of its own (its CSP says script-src 'self'): an inline one came from content.
        const inlineScript = tag === 'script' && !el.hasAttribute('src') && !/json/.test(el.getAttribute('type') ?? '');
        if (inlineScript || (tag === 'script' && payload.test(el.textContent ?? ''))) out.push(describe(el, el.textContent ?? ''));
        if (['object', 'embed', 'base', 'isindex'].includes(tag)) out.push(describe(el, el.outerHTML));
        if (tag === 'meta' && el.getAttribute('http-equiv')?.toLowerCase() === 'refresh') out.push(describe(el, el.outerHTML));
      }
      return out;
    })
    .catch((err: Error) => [`(could not inspect: ${err.message})`]);
  return lines.map((line) => `${line} on ${frame.url()}`);
}

/**
 * Fires the events payloads wait for on every element of the page (mouseover, mouseenter, focus,
 * toggle, animation start…), so a handler that slipped through runs now and the guard sees it.
 */
export async function provokeHandlers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const events = ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin', 'blur', 'toggle', 'load', 'error', 'start', 'animationstart', 'pointerover'];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      for (const type of events) el.dispatchEvent(new Event(type, { bubbles: type !== 'focus' && type !== 'mouseenter' }));
    }
  });
}
