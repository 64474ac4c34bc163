// RSS 0.9x / 2.0 and RSS 1.0 (RDF). They share element names; RDF puts <item>s beside <channel>
// instead of inside it, and names things with rdf:about. Versions are named as feedparser names them.
import type { Entry, ParsedFeed, Person } from './entry.ts';
import { parseDate } from './date.ts';
import { derivedEntryId } from './entry-id.ts';
import { addKeywords, category } from './categories.ts';
import { finishDraft, newDraft, textContexts, type EntryDraft } from './draft.ts';
import { readEntryExtension } from './extensions.ts';
import { itunesCategories, itunesImage } from './itunes.ts';
import { addAtomLink, enclosure } from './links.ts';
import { firstImage } from './first-image.ts';
import { parsePerson } from './person.ts';
import { rssHtml, rssText } from './text-construct.ts';
import { baseOf, languageOf, resolveUrl } from './url.ts';
import { attr, child, textOf, type XmlElement } from './xml.ts';

export function readRss(root: XmlElement, url: string | undefined, doctype?: string): Omit<ParsedFeed, 'encoding' | 'issues'> {
  const isRdf = root.local === 'rdf';
  const channel = root.local === 'channel' ? root : child(root, '', 'channel');
  const rootBase = baseOf(root, url);
  const base = channel ? baseOf(channel, rootBase) : rootBase;
  const language = languageOf(root, undefined);
  const feed: Omit<ParsedFeed, 'encoding' | 'issues'> = {
    format: isRdf ? 'rdf' : 'rss',
    // A bare <channel> root is Microsoft's CDF (1997), read as the RSS it resembles.
    version: isRdf ? rdfVersion(root) : root.local === 'channel' ? 'cdf' : rssVersion(root, doctype),
    links: [],
    authors: [],
    contributors: [],
    categories: [],
    entries: [],
  };
  if (base) feed.baseUrl = base;
  if (language) feed.language = language;
  const items: XmlElement[] = [];
  if (channel) readChannel(channel, feed, base, items);
  // RDF and some broken RSS put items (and image, textinput) beside the channel.
  if (channel !== root) for (const c of root.children) if (typeof c !== 'string' && c.local === 'item' && c.ns === '') items.push(c);
  if (!feed.image) {
    const image = child(root, '', 'image');
    const href = image && (attr(image, 'resource', 'rdf') ?? textOf(child(image, '', 'url') ?? image).trim());
    if (href) feed.image = resolveUrl(href, base);
  }
  const entryLanguage = feed.language;
  for (const item of items) feed.entries.push(readItem(item, base, entryLanguage));
  return feed;
}

function readChannel(channel: XmlElement, feed: Omit<ParsedFeed, 'encoding' | 'issues'>, base: string | undefined, items: XmlElement[]): void {
  const altAuthors: Person[] = [];
  const webMasters: Person[] = [];
  let mediaImage: string | undefined;
  let altUpdated: Date | undefined;
  let altDescription: string | undefined;
  let itunesImageUrl: string | undefined;
  const from: { title?: XmlElement; description?: XmlElement; rights?: XmlElement } = {};
  const inherited = feed.language;
  feed.language = languageOf(channel, feed.language);
  for (const c of channel.children) {
    if (typeof c === 'string') continue;
    if (c.ns === '') {
      switch (c.local) {
        case 'item':
          items.push(c);
          break;
        case 'title':
          if (feed.title === undefined) {
            const t = rssText(c);
            feed.title = t.value;
            feed.titleType = t.type;
            from.title = c;
          }
          break;
        case 'link': {
          const href = textOf(c).trim() || attr(c, 'href');
          if (href) {
            const url = resolveUrl(href, base);
            feed.siteUrl ??= url;
            if (!feed.links!.some((l) => l.href === url)) feed.links!.push({ href: url, rel: 'alternate', type: 'text/html' });
          }
          break;
        }
        case 'description':
        case 'abstract':
          if (feed.description === undefined) {
            const t = rssHtml(c);
            feed.description = t.value;
            feed.descriptionType = t.type;
            from.description = c;
          }
          break;
        case 'language':
          feed.language = textOf(c).trim() || feed.language;
          break;
        case 'copyright':
          feed.rights = textOf(c);
          feed.rightsType = 'text';
          from.rights = c;
          break;
        case 'managingeditor':
        case 'author': {
          const p = parsePerson(textOf(c));
          if (p) feed.authors.push(p);
          break;
        }
        case 'webmaster': {
          // The technical contact: an author only for want of anyone else.
          const p = parsePerson(textOf(c));
          if (p) webMasters.push(p);
          break;
        }
        case 'pubdate':
          feed.published = parseDate(textOf(c));
          break;
        case 'lastbuilddate':
          feed.updated = parseDate(textOf(c));
          break;
        case 'category': {
          const term = textOf(c).trim();
          if (term) feed.categories!.push(category(term, attr(c, 'domain'), undefined));
          break;
        }
        case 'generator':
          feed.generator = textOf(c).trim();
          break;
        case 'ttl': {
          const n = parseInt(textOf(c), 10);
          if (n > 0) feed.ttlMinutes = n;
          break;
        }
        case 'image': {
          const url = child(c, '', 'url');
          const href = url ? textOf(url).trim() : attr(c, 'resource', 'rdf');
          if (href) feed.image = resolveUrl(href, base);
          break;
        }
      }
      continue;
    }
    switch (c.ns + ':' + c.local) {
      case 'atom:link': {
        addAtomLink(c, feed as { links: NonNullable<ParsedFeed['links']> }, base);
        const last = feed.links![feed.links!.length - 1];
        if (last.rel === 'self') feed.feedUrl ??= last.href;
        else if (last.rel === 'alternate') feed.siteUrl ??= last.href;
        break;
      }
      case 'dc:creator':
      case 'dc:author':
      case 'itunes:author': {
        const p = parsePerson(textOf(c));
        if (p) altAuthors.push(p);
        break;
      }
      case 'dc:contributor': {
        const p = parsePerson(textOf(c));
        if (p) feed.contributors!.push(p);
        break;
      }
      case 'dcterms:issued':
      case 'dcterms:created':
        feed.published ??= parseDate(textOf(c));
        break;
      case 'dc:date':
      case 'dcterms:modified':
      case 'atom:updated':
        altUpdated ??= parseDate(textOf(c));
        break;
      case 'dc:language':
        feed.language = textOf(c).trim() || feed.language;
        break;
      case 'dc:rights':
        feed.rights ??= textOf(c);
        feed.rightsType ??= 'text';
        break;
      case 'dc:title':
        if (feed.title === undefined) {
          feed.title = textOf(c).trim();
          feed.titleType = 'text';
        }
        break;
      case 'dc:description':
      case 'itunes:summary':
      case 'itunes:subtitle':
        altDescription ??= textOf(c);
        break;
      case 'dc:subject': {
        const term = textOf(c).trim();
        if (term) feed.categories!.push({ term });
        break;
      }
      case 'itunes:category':
        itunesCategories(c, feed.categories!);
        break;
      case 'itunes:keywords':
        addKeywords(textOf(c), feed.categories!);
        break;
      case 'itunes:image':
      case 'itunes:link': {
        const href = itunesImage(c);
        if (href) itunesImageUrl ??= resolveUrl(href, base);
        break;
      }
      case 'atom:id':
        feed.id ??= textOf(c).trim();
        break;
      case 'media:thumbnail':
      case 'media:content': {
        const url = attr(c, 'url');
        const type = attr(c, 'type') ?? attr(c, 'medium') ?? '';
        if (url && (c.local === 'thumbnail' || type.startsWith('image'))) mediaImage ??= resolveUrl(url, base);
        break;
      }
    }
  }
  readCdfAttributes(channel, feed, base);
  const context = textContexts(from, base, languageOf(channel, inherited));
  if (context) feed.textContext = context;
  const about = attr(channel, 'about', 'rdf');
  if (about) feed.id ??= about;
  feed.image ??= itunesImageUrl;
  if (feed.authors.length === 0) feed.authors = altAuthors.length ? altAuthors : webMasters;
  feed.image ??= mediaImage ?? firstImage(feed.description, base);
  feed.updated ??= altUpdated;
  if (feed.description === undefined && altDescription !== undefined) {
    feed.description = altDescription;
    feed.descriptionType = 'text';
  }
}

function readItem(item: XmlElement, feedBase: string | undefined, feedLanguage: string | undefined): Entry {
  const base = baseOf(item, feedBase);
  const e: EntryDraft = newDraft(base, languageOf(item, feedLanguage));
  let guid: { value: string; permalink: boolean } | undefined;
  for (const c of item.children) {
    if (typeof c === 'string') continue;
    if (c.ns !== '') {
      readEntryExtension(c, e, base);
      continue;
    }
    switch (c.local) {
      case 'title':
        if (e.title === undefined) {
          const t = rssText(c);
          e.title = t.value;
          e.titleType = t.type;
          e.from.title = c;
        }
        break;
      case 'link': {
        // Several <link>s: the first is the link, all are kept.
        const href = textOf(c).trim() || attr(c, 'href');
        if (href) {
          const url = resolveUrl(href, base);
          e.link ??= url;
          if (!e.links.some((l) => l.href === url)) e.links.push({ href: url, rel: 'alternate', type: 'text/html' });
        }
        break;
      }
      case 'description':
      case 'abstract': // CDF
      case 'summary': {
        // An item with both: the first is the summary, the second (usually the longer) the content.
        const t = rssHtml(c);
        if (e.summary === undefined) {
          e.summary = t.value;
          e.summaryType = t.type;
          e.from.summary = c;
        } else if (e.content === undefined) {
          e.content = t.value;
          e.contentType = t.type;
          e.from.content = c;
        }
        break;
      }
      case 'tags':
        addKeywords(textOf(c), e.categories);
        break;
      case 'body':
      case 'fullitem':
        if (e.content === undefined) {
          const t = rssHtml(c);
          e.content = t.value;
          e.contentType = t.type;
          e.from.content = c;
        }
        break;
      case 'author': {
        const p = parsePerson(textOf(c));
        if (p) e.authors.push(p);
        break;
      }
      case 'category': {
        const term = textOf(c).trim();
        if (term) e.categories.push(category(term, attr(c, 'domain'), undefined));
        break;
      }
      case 'comments': {
        const href = textOf(c).trim();
        if (href) e.commentsUrl = resolveUrl(href, base);
        break;
      }
      case 'enclosure': {
        const url = attr(c, 'url');
        if (url) {
          const en = enclosure(resolveUrl(url, base), attr(c, 'type'), attr(c, 'length'));
          e.enclosures.push(en);
          if (en.type?.startsWith('image/')) e.altImage ??= en.url;
          e.links.push({ href: en.url, rel: 'enclosure', ...(en.type ? { type: en.type } : {}), ...(en.length !== undefined ? { length: en.length } : {}) });
        }
        break;
      }
      case 'guid': {
        const value = textOf(c).trim();
        if (value) guid = { value, permalink: (attr(c, 'ispermalink') ?? 'true').trim().toLowerCase() !== 'false' };
        break;
      }
      case 'pubdate':
        e.published ??= parseDate(textOf(c));
        break;
      case 'source': {
        const title = textOf(c).trim();
        const url = attr(c, 'url');
        e.source = {};
        if (title) e.source.title = title;
        if (url) e.source.url = resolveUrl(url, base);
        break;
      }
    }
  }
  readCdfAttributes(item, e, base);
  const about = attr(item, 'about', 'rdf');
  if (guid) {
    e.id = guid.value;
    e.idFromFeed = true;
    // A permalink GUID is the entry's link when it states none (RSS 2.0 spec).
    if (guid.permalink && e.link === undefined && /^https?:\/\//i.test(guid.value)) {
      e.link = guid.value;
      e.links.push({ href: guid.value, rel: 'alternate', type: 'text/html' });
    }
  } else if (about && !e.idFromFeed) {
    e.id = about;
    e.idFromFeed = true;
  }
  return finishDraft(e, (x) => derivedEntryId(x.link, x.title, x.published ?? x.updated, x.summary ?? x.content));
}

/** CDF states a channel's or item's link and date as attributes: HREF, LASTMOD. */
function readCdfAttributes(
  el: XmlElement,
  target: { siteUrl?: string; link?: string; links?: NonNullable<ParsedFeed['links']>; updated?: Date },
  base: string | undefined,
): void {
  const href = attr(el, 'href');
  if (href) {
    const url = resolveUrl(href, base);
    if ('entries' in target) target.siteUrl ??= url;
    else target.link ??= url;
    if (target.links && !target.links.some((l) => l.href === url)) target.links.push({ href: url, rel: 'alternate', type: 'text/html' });
  }
  const lastmod = attr(el, 'lastmod');
  if (lastmod) target.updated ??= parseDate(lastmod);
}

function rssVersion(root: XmlElement, doctype: string | undefined): string {
  if (root.local !== 'rss') return 'rss';
  const v = (attr(root, 'version') ?? '').trim();
  switch (v) {
    case '2.0':
    case '2.00':
    case '2.01':
      return 'rss20';
    case '0.91':
      return doctype && /netscape/i.test(doctype) ? 'rss091n' : 'rss091u';
    case '0.92':
      return 'rss092';
    case '0.93':
      return 'rss093';
    case '0.94':
      return 'rss094';
  }
  return v.startsWith('2.') ? 'rss20' : 'rss';
}

function rdfVersion(root: XmlElement): string {
  for (const a of root.attrs) {
    if (a.qname === 'xmlns' || a.ns === 'xmlns') {
      if (a.value.trim() === 'http://my.netscape.com/rdf/simple/0.9/') return 'rss090';
      if (a.value.trim() === 'http://purl.org/rss/1.0/') return 'rss10';
    }
  }
  return 'rss10';
}
