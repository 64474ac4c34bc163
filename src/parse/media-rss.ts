// Media RSS (media:) inside an RSS item or Atom entry: enclosures, thumbnails, and fallbacks for the
// title, description and categories. Ratings, credits, players ... are not modelled.
import { category } from './categories.ts';
import type { EntryDraft } from './draft.ts';
import { enclosure } from './links.ts';
import { resolveUrl } from './url.ts';
import { attr, textOf, type XmlElement } from './xml.ts';

export function readMedia(c: XmlElement, e: EntryDraft, base: string | undefined): boolean {
  switch (c.local) {
    case 'group':
      for (const g of c.children) if (typeof g !== 'string' && g.ns === 'media') readMedia(g, e, base);
      return true;
    case 'content': {
      const url = attr(c, 'url');
      if (url) {
        const href = resolveUrl(url, base);
        if (!e.enclosures.some((x) => x.url === href)) {
          const type = attr(c, 'type') ?? mediumType(attr(c, 'medium'));
          if (type?.startsWith('image/')) e.altImage ??= href;
          else e.enclosures.push(enclosure(href, type, attr(c, 'filesize')));
        }
      }
      for (const g of c.children) if (typeof g !== 'string' && g.ns === 'media') readMedia(g, e, base);
      return true;
    }
    case 'thumbnail': {
      const url = attr(c, 'url');
      if (url) e.image ??= resolveUrl(url, base);
      return true;
    }
    case 'description':
      e.altSummary ??= { value: textOf(c), type: attr(c, 'type') === 'html' ? 'html' : 'text', from: c };
      return true;
    case 'title':
      e.altTitle ??= { value: textOf(c), type: attr(c, 'type') === 'html' ? 'html' : 'text', from: c };
      return true;
    case 'category': {
      const term = textOf(c).trim();
      if (term) e.categories.push(category(term, attr(c, 'scheme') ?? MEDIA_CATEGORY_SCHEME, attr(c, 'label')));
      return true;
    }
  }
  return true; // other media:* (credit, rating, player ...) are not modelled
}

/** Media RSS's default category scheme. */
const MEDIA_CATEGORY_SCHEME = 'http://search.yahoo.com/mrss/category_schema';

function mediumType(medium: string | undefined): string | undefined {
  if (medium === 'image') return 'image/*';
  if (medium === 'video') return 'video/*';
  if (medium === 'audio') return 'audio/*';
  return undefined;
}
