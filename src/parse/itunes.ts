// iTunes podcast elements (itunes:) that the model has a place for: author, summary, image,
// categories and keywords. Explicit, block, duration, owner ... are not modelled.
import type { Category } from './entry.ts';
import { addKeywords } from './categories.ts';
import type { EntryDraft } from './draft.ts';
import { parsePerson } from './person.ts';
import { resolveUrl } from './url.ts';
import { attr, textOf, type XmlElement } from './xml.ts';

export function readItunes(c: XmlElement, e: EntryDraft, base: string | undefined): boolean {
  switch (c.local) {
    case 'author': {
      const p = parsePerson(textOf(c));
      if (p) e.altAuthors.push(p);
      return true;
    }
    case 'summary':
    case 'subtitle':
      if (c.local === 'summary' || !e.altSummary) e.altSummary = { value: textOf(c), type: 'text', from: c };
      return true;
    case 'image':
    case 'link': {
      const href = itunesImage(c);
      if (href) e.image ??= resolveUrl(href, base);
      return true;
    }
    case 'category':
      itunesCategories(c, e.categories);
      return true;
    case 'keywords':
      addKeywords(textOf(c), e.categories);
      return true;
  }
  return true;
}

/** The image URL of itunes:image (href, or url as some feeds write) or itunes:link rel="image". */
export function itunesImage(c: XmlElement): string | undefined {
  if (c.local === 'link' && attr(c, 'rel') !== 'image') return undefined;
  return (attr(c, 'href') ?? attr(c, 'url') ?? textOf(c)).trim() || undefined;
}

export const ITUNES_SCHEME = 'http://www.itunes.com/';

/** itunes:category, with its nested subcategories after it. */
export function itunesCategories(c: XmlElement, out: Category[]): void {
  const term = (attr(c, 'text') ?? '').trim();
  if (term) out.push({ term, scheme: ITUNES_SCHEME });
  for (const sub of c.children) if (typeof sub !== 'string' && sub.ns === 'itunes' && sub.local === 'category') itunesCategories(sub, out);
}
