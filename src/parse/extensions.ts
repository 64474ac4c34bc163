// Namespaced elements that RSS, RDF and Atom feeds share: Dublin Core, content:encoded, Media RSS,
// iTunes, Atom links inside RSS. Each reader hands over the children it does not know itself.
import type { Category, Entry, Enclosure, Person, TextContext } from './entry.ts';
import { parseDate } from './date.ts';
import { firstImage } from './first-image.ts';
import { parsePerson } from './person.ts';
import { rssHtml, atomText } from './text-construct.ts';
import { baseOf, languageOf, resolveUrl } from './url.ts';
import { attr, textOf, type XmlElement } from './xml.ts';

/** An entry while it is being read: fields found by lower-priority elements wait here. */
export interface EntryDraft extends Entry {
  links: NonNullable<Entry['links']>;
  contributors: Person[];
  /** Fallbacks used only when the main element is absent. */
  altSummary?: { value: string; type: Entry['summaryType']; from: XmlElement };
  altTitle?: { value: string; type: Entry['titleType']; from: XmlElement };
  /** The element each text field was read from, for its xml:lang / xml:base. */
  from: { title?: XmlElement; summary?: XmlElement; content?: XmlElement; rights?: XmlElement };
  altAuthors: Person[];
  altPublished?: Date;
  altUpdated?: Date;
  altImage?: string;
}

export function newDraft(base: string | undefined, language: string | undefined): EntryDraft {
  return {
    id: '',
    idFromFeed: false,
    links: [],
    authors: [],
    contributors: [],
    categories: [],
    enclosures: [],
    altAuthors: [],
    from: {},
    baseUrl: base,
    language,
  };
}

/** Reads one namespaced child of an RSS item or Atom entry; false when it is not one of these. */
export function readEntryExtension(c: XmlElement, e: EntryDraft, base: string | undefined): boolean {
  switch (c.ns) {
    case 'dc':
    case 'dcterms':
      return readDublinCore(c, e);
    case 'content':
      if (c.local === 'encoded') {
        if (e.content === undefined) {
          const t = rssHtml(c);
          e.content = t.value;
          e.contentType = t.type;
          e.from.content = c;
        }
        return true;
      }
      return false;
    case 'xhtml':
      if (c.local === 'body' || c.local === 'div') {
        if (e.content === undefined) {
          e.content = rssHtml({ ...c, children: [c] }).value;
          e.contentType = 'xhtml';
          e.from.content = c;
        }
        return true;
      }
      return false;
    case 'media':
      return readMedia(c, e, base);
    case 'itunes':
      return readItunes(c, e, base);
    case 'atom':
      if (c.local === 'link') {
        addAtomLink(c, e, base);
        return true;
      }
      if (c.local === 'summary' || c.local === 'content') {
        const t = atomText(c);
        if (c.local === 'summary' && e.summary === undefined) e.altSummary ??= { ...t, from: c };
        if (c.local === 'content' && e.content === undefined) {
          e.content = t.value;
          e.contentType = t.type;
          e.from.content = c;
        }
        return true;
      }
      if (c.local === 'updated') {
        e.altUpdated ??= parseDate(textOf(c));
        return true;
      }
      if (c.local === 'published') {
        e.altPublished ??= parseDate(textOf(c));
        return true;
      }
      if (c.local === 'author') {
        const p = atomPerson(c);
        if (p) e.altAuthors.push(p);
        return true;
      }
      if (c.local === 'category') {
        const term = (attr(c, 'term') ?? textOf(c)).trim();
        if (term) e.categories.push(category(term, attr(c, 'scheme'), attr(c, 'label')));
        return true;
      }
      if (c.local === 'id') {
        const id = textOf(c).trim();
        if (id && !e.idFromFeed) {
          e.id = id;
          e.idFromFeed = true;
        }
        return true;
      }
      return false;
    case 'wfw':
      if (c.local === 'commentrss' || c.local === 'comment') return true;
      return false;
    case 'slash':
      return true;
  }
  return false;
}

function readDublinCore(c: XmlElement, e: EntryDraft): boolean {
  switch (c.local) {
    case 'creator':
    case 'author': {
      const p = parsePerson(textOf(c));
      if (p) e.altAuthors.push(p);
      return true;
    }
    case 'contributor': {
      const p = parsePerson(textOf(c));
      if (p) e.contributors.push(p);
      return true;
    }
    case 'date': {
      // dc:date is the one date many RSS 1.0 items have: it stands for both.
      const date = parseDate(textOf(c));
      e.altPublished ??= date;
      e.altUpdated ??= date;
      return true;
    }
    case 'issued':
    case 'created':
      e.altPublished ??= parseDate(textOf(c));
      return true;
    case 'modified':
      e.altUpdated ??= parseDate(textOf(c));
      return true;
    case 'title':
      if (e.title === undefined) {
        e.title = textOf(c);
        e.titleType = 'text';
        e.from.title = c;
      }
      return true;
    case 'description':
      e.altSummary ??= { value: textOf(c), type: 'text', from: c };
      return true;
    case 'subject': {
      const term = textOf(c).trim();
      if (term) e.categories.push({ term });
      return true;
    }
    case 'rights':
      if (e.rights === undefined) {
        e.rights = textOf(c);
        e.rightsType = 'text';
        e.from.rights = c;
      }
      return true;
    case 'language':
      e.language ??= textOf(c).trim() || undefined;
      return true;
    case 'identifier':
      return true;
  }
  return false;
}

function readMedia(c: XmlElement, e: EntryDraft, base: string | undefined): boolean {
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

function readItunes(c: XmlElement, e: EntryDraft, base: string | undefined): boolean {
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

/** Comma-separated keywords (itunes:keywords, <tags>) as categories, without repeats. */
export function addKeywords(list: string, out: Category[]): void {
  for (const k of list.split(',')) {
    const term = k.trim();
    if (term && !out.some((x) => x.term === term)) out.push({ term });
  }
}

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

/** An atom:author inside an RSS item: name, email, uri children. */
function atomPerson(el: XmlElement): Person | undefined {
  const p: Person = {};
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const value = textOf(c).trim();
    if (!value) continue;
    if (c.local === 'name') p.name = value;
    else if (c.local === 'email') p.email = value;
    else if (c.local === 'uri') p.uri = value;
  }
  return p.name || p.email || p.uri ? p : undefined;
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

export function category(term: string, scheme: string | undefined, label: string | undefined): Category {
  const out: Category = { term };
  if (scheme) out.scheme = scheme;
  if (label) out.label = label;
  return out;
}

/** Moves the fallbacks into place and gives the entry its id. */
export function finishDraft(e: EntryDraft, deriveId: (e: Entry) => string): Entry {
  if (e.summary === undefined && e.altSummary) {
    e.summary = e.altSummary.value;
    e.summaryType = e.altSummary.type;
    e.from.summary = e.altSummary.from;
  }
  if (e.title === undefined && e.altTitle) {
    e.title = e.altTitle.value;
    e.titleType = e.altTitle.type;
    e.from.title = e.altTitle.from;
  }
  if (e.authors.length === 0) e.authors = e.altAuthors;
  e.published ??= e.altPublished;
  e.updated ??= e.altUpdated;
  e.image ??= e.altImage ?? (e.summaryType !== 'text' ? firstImage(e.summary, e.baseUrl) : undefined) ?? (e.contentType !== 'text' ? firstImage(e.content, e.baseUrl) : undefined);
  if (e.link === undefined) {
    const alt = e.links.find((l) => l.rel === 'alternate');
    if (alt) e.link = alt.href;
  }
  if (!e.idFromFeed) e.id = deriveId(e);
  const out: Entry = {
    id: e.id,
    idFromFeed: e.idFromFeed,
    links: e.links,
    authors: e.authors,
    contributors: e.contributors,
    categories: e.categories,
    enclosures: e.enclosures,
  };
  // Only the fields present are copied, so absent ones stay absent (not "undefined" keys).
  if (e.link !== undefined) out.link = e.link;
  if (e.title !== undefined) (out.title = e.title), (out.titleType = e.titleType);
  if (e.published) out.published = e.published;
  if (e.updated) out.updated = e.updated;
  if (e.summary !== undefined) (out.summary = e.summary), (out.summaryType = e.summaryType);
  if (e.content !== undefined) (out.content = e.content), (out.contentType = e.contentType);
  if (e.rights !== undefined) (out.rights = e.rights), (out.rightsType = e.rightsType);
  if (e.commentsUrl !== undefined) out.commentsUrl = e.commentsUrl;
  if (e.image !== undefined) out.image = e.image;
  if (e.language !== undefined) out.language = e.language;
  if (e.baseUrl !== undefined) out.baseUrl = e.baseUrl;
  if (e.source !== undefined) out.source = e.source;
  const context = textContexts(e.from, e.baseUrl, e.language);
  if (context) out.textContext = context;
  return out;
}

/** The xml:lang / xml:base of each field's element, for the fields where they differ from the holder's. */
export function textContexts<K extends string>(
  from: Partial<Record<K, XmlElement>>,
  base: string | undefined,
  language: string | undefined,
): Partial<Record<K, TextContext>> | undefined {
  let out: Partial<Record<K, TextContext>> | undefined;
  for (const key in from) {
    const el = from[key];
    if (!el) continue;
    const ownBase = baseOf(el, base);
    const ownLanguage = languageOf(el, language);
    if (ownBase === base && ownLanguage === language) continue;
    const context: TextContext = {};
    if (ownLanguage !== undefined) context.language = ownLanguage;
    if (ownBase !== undefined) context.base = ownBase;
    out ??= {};
    out[key] = context;
  }
  return out;
}
