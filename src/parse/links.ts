// Links and enclosures: Atom <link> (also used inside RSS), and the enclosure record.
import type { Entry, Enclosure } from './entry.ts';
import { baseOf, resolveUrl } from './url.ts';
import { attr, textOf, type XmlElement } from './xml.ts';

export function addAtomLink(c: XmlElement, e: { links: NonNullable<Entry['links']>; enclosures?: Enclosure[]; link?: string }, base: string | undefined): void {
  const raw = attr(c, 'href') ?? attr(c, 'url') ?? textOf(c);
  const rel = (attr(c, 'rel') ?? 'alternate').trim() || 'alternate';
  const href = resolveUrl(raw.trim(), baseOf(c, base));
  const type = attr(c, 'type')?.trim();
  const title = attr(c, 'title');
  const hreflang = attr(c, 'hreflang');
  const length = toLength(attr(c, 'length'));
  const link: NonNullable<Entry['links']>[number] = { href, rel };
  if (type) link.type = type;
  if (title !== undefined) link.title = title;
  if (hreflang) link.hreflang = hreflang;
  if (length !== undefined) link.length = length;
  e.links.push(link);
  if (rel === 'enclosure' && e.enclosures && href) e.enclosures.push(enclosure(href, type, attr(c, 'length')));
  if (rel === 'alternate' && e.link === undefined && (!type || type === 'text/html' || type === 'application/xhtml+xml')) e.link = href;
}

export function enclosure(url: string, type: string | undefined, length: string | undefined): Enclosure {
  const out: Enclosure = { url };
  if (type) out.type = type.trim();
  const n = toLength(length);
  if (n !== undefined) out.length = n;
  return out;
}

function toLength(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
