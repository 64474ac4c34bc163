// Feeds without a declared image often carry one in their HTML: the first <img> is the picture a
// reader would show beside the entry (gofeed and most readers do the same).
import { resolveUrl } from './url.ts';

const IMG_SRC = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s>]+))/i;

export function firstImage(html: string | undefined, base: string | undefined): string | undefined {
  if (!html) return undefined;
  // indexOf before any regex: most entries have no image and this runs on every one.
  const lower = html.indexOf('<img');
  const upper = html.indexOf('<IMG');
  const at = lower === -1 ? upper : upper === -1 ? lower : Math.min(lower, upper);
  if (at === -1) return undefined;
  const m = IMG_SRC.exec(html.slice(at, at + 2000));
  const src = m ? (m[1] ?? m[2] ?? m[3]).trim() : '';
  if (!src || src.startsWith('data:')) return undefined;
  return resolveUrl(src.replace(/&amp;/g, '&'), base);
}
