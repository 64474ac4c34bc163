// Atom 1.0 (RFC 4287) and its draft predecessor Atom 0.3 (modified/issued/created, tagline, copyright,
// url in person constructs, content mode="escaped").
import type { Category, Entry, ParsedFeed, Person } from './entry.ts';
import { parseDate } from './date.ts';
import { derivedEntryId } from './entry-id.ts';
import { category } from './categories.ts';
import { finishDraft, newDraft, textContexts, type EntryDraft } from './draft.ts';
import { readEntryExtension } from './extensions.ts';
import { addAtomLink } from './links.ts';
import { atomText, type TextValue } from './text-construct.ts';
import { baseOf, languageOf, resolveUrl } from './url.ts';
import { attr, textOf, type XmlElement } from './xml.ts';

type FeedDraft = Omit<ParsedFeed, 'encoding' | 'issues'> & { links: NonNullable<ParsedFeed['links']> };

export function readAtom(root: XmlElement, url: string | undefined): Omit<ParsedFeed, 'encoding' | 'issues'> {
  // A <feed> without the Atom namespace is still read as Atom, its elements then in no namespace.
  const version = atomVersion(root);
  return readFeedElement(root, root.ns, version, baseOf(root, url), languageOf(root, undefined));
}

/** A <feed>, or an entry's <source> (which holds the same metadata about the feed it came from). */
function readFeedElement(
  root: XmlElement,
  atom: string,
  version: string,
  base: string | undefined,
  language: string | undefined,
): Omit<ParsedFeed, 'encoding' | 'issues'> {
  const legacy = version !== 'atom10';
  const feed: FeedDraft = {
    format: 'atom',
    version,
    links: [],
    authors: [],
    contributors: [],
    categories: [],
    entries: [],
  };
  if (base) feed.baseUrl = base;
  if (language) feed.language = language;
  let published: Date | undefined;
  let descriptionFromInfo = false;
  const from: { title?: XmlElement; description?: XmlElement; rights?: XmlElement } = {};
  for (const c of root.children) {
    if (typeof c === 'string') continue;
    if (c.ns !== atom) {
      readFeedExtension(c, feed, base);
      continue;
    }
    switch (c.local) {
      case 'entry':
      case 'item': // RSS habits in Atom feeds
        feed.entries.push(readEntry(c, atom, legacy, base, language));
        break;
      case 'title':
        if (feed.title === undefined) {
          const t = atomText(c, legacy);
          feed.title = t.value;
          feed.titleType = t.type;
          from.title = c;
        }
        break;
      case 'subtitle':
      case 'tagline':
      case 'info':
        // Atom 0.3 <info> describes the feed format, not the feed: any tagline outranks it.
        if (feed.description === undefined || (c.local !== 'info' && descriptionFromInfo)) {
          const t = atomText(c, legacy);
          feed.description = t.value;
          feed.descriptionType = t.type;
          descriptionFromInfo = c.local === 'info';
          from.description = c;
        }
        break;
      case 'rights':
      case 'copyright':
        if (feed.rights === undefined) {
          const t = atomText(c, legacy);
          feed.rights = t.value;
          feed.rightsType = t.type;
          from.rights = c;
        }
        break;
      case 'link': {
        addAtomLink(c, feed, base);
        const link = feed.links[feed.links.length - 1];
        if (link.rel === 'self') feed.feedUrl ??= link.href;
        else if (link.rel === 'alternate' && (!link.type || /html/.test(link.type))) feed.siteUrl ??= link.href;
        break;
      }
      case 'id':
        feed.id ??= atomId(c, base);
        break;
      case 'updated':
      case 'modified':
        feed.updated ??= parseDate(textOf(c));
        break;
      case 'published':
      case 'issued':
        published ??= parseDate(textOf(c));
        break;
      case 'author': {
        const p = readPerson(c, atom, base);
        if (p) feed.authors.push(p);
        break;
      }
      case 'contributor': {
        const p = readPerson(c, atom, base);
        if (p) feed.contributors!.push(p);
        break;
      }
      case 'category': {
        const cat = readCategory(c);
        if (cat) feed.categories!.push(cat);
        break;
      }
      case 'generator': {
        feed.generator = textOf(c).trim();
        const uri = attr(c, 'uri') ?? attr(c, 'url'); // url in Atom 0.3
        const version = attr(c, 'version')?.trim();
        if (uri) feed.generatorUri = resolveUrl(uri, baseOf(c, base));
        if (version) feed.generatorVersion = version;
        break;
      }
      case 'icon':
        feed.icon = resolveUrl(textOf(c), baseOf(c, base));
        break;
      case 'logo':
        feed.image = resolveUrl(textOf(c), baseOf(c, base));
        break;
    }
  }
  if (published) feed.published = published;
  const context = textContexts(from, base, language);
  if (context) feed.textContext = context;
  if (feed.siteUrl === undefined) {
    const alt = feed.links.find((l) => l.rel === 'alternate');
    if (alt) feed.siteUrl = alt.href;
  }
  return feed;
}

function readFeedExtension(c: XmlElement, feed: FeedDraft, base: string | undefined): void {
  if (c.ns === 'itunes' && c.local === 'image') {
    const href = attr(c, 'href');
    if (href) feed.image ??= resolveUrl(href, base);
  } else if (c.ns === 'dc' && c.local === 'language') feed.language ??= textOf(c).trim();
}

function readEntry(el: XmlElement, atom: string, legacy: boolean, feedBase: string | undefined, feedLanguage: string | undefined): Entry {
  const base = baseOf(el, feedBase);
  const e: EntryDraft = newDraft(base, languageOf(el, feedLanguage));
  let content: TextValue | undefined;
  let created: Date | undefined;
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.ns !== atom) {
      readEntryExtension(c, e, base);
      continue;
    }
    switch (c.local) {
      case 'id': {
        const id = atomId(c, base);
        if (id) {
          e.id = id;
          e.idFromFeed = true;
        }
        break;
      }
      case 'title':
        if (e.title === undefined) {
          const t = atomText(c, legacy);
          e.title = t.value;
          e.titleType = t.type;
          e.from.title = c;
        }
        break;
      case 'link':
        addAtomLink(c, e, base);
        break;
      // Repeated dates: the last one stands, as in feedparser.
      case 'published':
      case 'issued':
        e.published = parseDate(textOf(c)) ?? e.published;
        break;
      case 'created':
        created = parseDate(textOf(c)) ?? created;
        break;
      case 'updated':
      case 'modified':
        e.updated = parseDate(textOf(c)) ?? e.updated;
        break;
      case 'author': {
        const p = readPerson(c, atom, base);
        if (p) e.authors.push(p);
        break;
      }
      case 'contributor': {
        const p = readPerson(c, atom, base);
        if (p) e.contributors.push(p);
        break;
      }
      case 'summary':
        if (e.summary === undefined) {
          const t = atomText(c, legacy);
          e.summary = t.value;
          e.summaryType = t.type;
          e.from.summary = c;
        }
        break;
      case 'content': {
        // Atom 0.3 allows several <content>s (alternatives): the first HTML-ish one wins.
        const t = atomText(c, legacy);
        if (!content || (content.type === 'text' && t.type !== 'text')) {
          content = t;
          e.from.content = c;
        }
        break;
      }
      case 'category': {
        const cat = readCategory(c);
        if (cat) e.categories.push(cat);
        break;
      }
      case 'rights':
      case 'copyright':
        if (e.rights === undefined) {
          const t = atomText(c, legacy);
          e.rights = t.value;
          e.rightsType = t.type;
          e.from.rights = c;
        }
        break;
      case 'source':
        e.source = readSource(c, atom, legacy, base);
        break;
    }
  }
  if (content) {
    e.content = content.value;
    e.contentType = content.type;
  }
  e.published ??= created;
  // No link but an http(s) id: the id is the entry's address, as with an RSS permalink GUID.
  if (e.link === undefined && !e.links.some((l) => l.rel === 'alternate') && e.idFromFeed && /^https?:\/\//i.test(e.id)) e.link = e.id;
  return finishDraft(e, (x) => derivedEntryId(x.link, x.title, x.published ?? x.updated, x.summary ?? x.content));
}

/** An id that is a path ("/2003/12/13/post") is a relative URL, and made absolute like any other. */
function atomId(el: XmlElement, base: string | undefined): string {
  const id = textOf(el).trim();
  return id.startsWith('/') ? resolveUrl(id, baseOf(el, base)) : id;
}

function readPerson(el: XmlElement, atom: string, base: string | undefined): Person | undefined {
  const p: Person = {};
  for (const c of el.children) {
    if (typeof c === 'string' || (c.ns !== atom && c.ns !== '')) continue;
    const value = textOf(c).trim();
    if (!value) continue;
    if (c.local === 'name') p.name = value;
    else if (c.local === 'email') p.email = value;
    else if (c.local === 'uri' || c.local === 'url' || c.local === 'homepage') p.uri = resolveUrl(value, baseOf(c, baseOf(el, base)));
  }
  if (p.name === undefined && p.email === undefined && p.uri === undefined) {
    const text = textOf(el).trim();
    return text ? { name: text } : undefined;
  }
  return p;
}

function readCategory(el: XmlElement): Category | undefined {
  const term = (attr(el, 'term') ?? textOf(el)).trim();
  if (!term) return undefined;
  return category(term, attr(el, 'scheme'), attr(el, 'label'));
}

function readSource(el: XmlElement, atom: string, legacy: boolean, base: string | undefined): Entry['source'] {
  const meta = readFeedElement(el, atom, legacy ? 'atom03' : 'atom10', baseOf(el, base), languageOf(el, undefined));
  const source: NonNullable<Entry['source']> = {};
  if (meta.title !== undefined) (source.title = meta.title), (source.titleType = meta.titleType);
  const url = meta.siteUrl ?? meta.feedUrl;
  if (url !== undefined) source.url = url;
  if (meta.id !== undefined) source.id = meta.id;
  if (meta.feedUrl !== undefined) source.feedUrl = meta.feedUrl;
  if (meta.description !== undefined) (source.description = meta.description), (source.descriptionType = meta.descriptionType);
  if (meta.rights !== undefined) (source.rights = meta.rights), (source.rightsType = meta.rightsType);
  if (meta.links?.length) source.links = meta.links;
  if (meta.authors.length) source.authors = meta.authors;
  if (meta.contributors?.length) source.contributors = meta.contributors;
  if (meta.categories?.length) source.categories = meta.categories;
  if (meta.updated) source.updated = meta.updated;
  if (meta.generator !== undefined) source.generator = meta.generator;
  if (meta.generatorUri !== undefined) source.generatorUri = meta.generatorUri;
  if (meta.generatorVersion !== undefined) source.generatorVersion = meta.generatorVersion;
  if (meta.icon !== undefined) source.icon = meta.icon;
  if (meta.image !== undefined) source.image = meta.image;
  return source;
}

function atomVersion(root: XmlElement): string {
  let uri = '';
  for (const a of root.attrs) if (a.qname === 'xmlns') uri = a.value.trim().toLowerCase();
  if (uri === 'http://www.w3.org/2005/atom') return 'atom10';
  const v = (attr(root, 'version') ?? '').trim();
  if (v === '0.3') return 'atom03';
  if (v === '0.2') return 'atom02';
  if (v === '0.1') return 'atom01';
  return uri === 'http://purl.org/atom/ns#' ? 'atom03' : 'atom';
}
