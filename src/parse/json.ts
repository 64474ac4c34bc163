// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). 1.1 replaced "author" with "authors";
// both are read. Values of the wrong JSON type are ignored rather than trusted.
import type { Entry, Enclosure, ParsedFeed, ParseIssue, Person } from './entry.ts';
import { parseDate } from './date.ts';
import { derivedEntryId } from './entry-id.ts';
import { resolveUrl } from './url.ts';

type Json = Record<string, unknown>;

export function readJsonFeed(doc: Json, url: string | undefined, issues: ParseIssue[]): Omit<ParsedFeed, 'encoding' | 'issues'> {
  const version = str(doc.version) ?? '';
  const feed: Omit<ParsedFeed, 'encoding' | 'issues'> = {
    format: 'json',
    version: jsonVersion(version),
    links: [],
    authors: people(doc),
    categories: [],
    entries: [],
  };
  const home = str(doc.home_page_url);
  const feedUrl = str(doc.feed_url);
  const base = feedUrl ? resolveUrl(feedUrl, url) : url;
  if (base) feed.baseUrl = base;
  set(feed, 'title', str(doc.title));
  if (feed.title !== undefined) feed.titleType = 'text';
  if (home) {
    feed.siteUrl = resolveUrl(home, base);
    feed.links!.push({ href: feed.siteUrl, rel: 'alternate', type: 'text/html' });
  }
  if (feedUrl) {
    feed.feedUrl = resolveUrl(feedUrl, url);
    feed.links!.push({ href: feed.feedUrl, rel: 'self', type: 'application/feed+json' });
  }
  set(feed, 'description', str(doc.description));
  if (feed.description !== undefined) feed.descriptionType = 'text';
  set(feed, 'language', str(doc.language));
  const icon = str(doc.icon);
  const favicon = str(doc.favicon);
  if (icon) feed.image = resolveUrl(icon, base);
  if (favicon) feed.icon = resolveUrl(favicon, base);
  if (!Array.isArray(doc.items)) issues.push({ message: 'JSON Feed has no "items" array' });
  else for (const item of doc.items) if (isObject(item)) feed.entries.push(readItem(item, base, feed.language));
  return feed;
}

function readItem(item: Json, base: string | undefined, language: string | undefined): Entry {
  const rawId = item.id;
  const id = typeof rawId === 'string' ? rawId.trim() : typeof rawId === 'number' ? String(rawId) : '';
  const e: Entry = {
    id,
    idFromFeed: id !== '',
    links: [],
    authors: people(item),
    categories: [],
    enclosures: [],
  };
  if (base) e.baseUrl = base;
  const link = str(item.url);
  if (link) {
    e.link = resolveUrl(link, base);
    e.links!.push({ href: e.link, rel: 'alternate', type: 'text/html' });
  }
  const external = str(item.external_url);
  if (external) e.links!.push({ href: resolveUrl(external, base), rel: 'related' });
  set(e, 'title', str(item.title));
  if (e.title !== undefined) e.titleType = 'text';
  const html = str(item.content_html);
  const text = str(item.content_text);
  if (html !== undefined) (e.content = html), (e.contentType = 'html');
  else if (text !== undefined) (e.content = text), (e.contentType = 'text');
  const summary = str(item.summary);
  if (summary !== undefined) (e.summary = summary), (e.summaryType = 'text');
  const image = str(item.image) ?? str(item.banner_image);
  if (image) e.image = resolveUrl(image, base);
  set(e, 'published', parseDate(str(item.date_published)));
  set(e, 'updated', parseDate(str(item.date_modified)));
  if (Array.isArray(item.tags)) for (const t of item.tags) if (typeof t === 'string' && t.trim()) e.categories.push({ term: t.trim() });
  if (Array.isArray(item.attachments)) {
    for (const a of item.attachments) {
      if (!isObject(a) || !str(a.url)) continue;
      const en: Enclosure = { url: resolveUrl(str(a.url)!, base) };
      // The spec says mime_type; "type" is a common slip.
      const type = str(a.mime_type) ?? str(a.type);
      if (type) en.type = type;
      if (typeof a.size_in_bytes === 'number' && a.size_in_bytes >= 0) en.length = a.size_in_bytes;
      e.enclosures.push(en);
    }
  }
  set(e, 'language', str(item.language) ?? language);
  if (!e.idFromFeed) e.id = derivedEntryId(e.link, e.title, e.published ?? e.updated, e.content);
  return e;
}

/** "https://jsonfeed.org/version/1.1" (or a bare "1.1", which some generators write) → json11. */
function jsonVersion(version: string): string {
  const m = /(?:^|\/)(1(?:\.[01])?)$/.exec(version.trim());
  if (!m) return 'json';
  return m[1] === '1.1' ? 'json11' : 'json10';
}

function people(o: Json): Person[] {
  const list = Array.isArray(o.authors) ? o.authors : isObject(o.author) ? [o.author] : [];
  const out: Person[] = [];
  for (const a of list) {
    if (!isObject(a)) continue;
    const p: Person = {};
    if (str(a.name)) p.name = str(a.name);
    if (str(a.url)) {
      const u = str(a.url)!;
      if (u.startsWith('mailto:')) p.email = u.slice(7);
      else p.uri = u;
    }
    if (p.name || p.uri || p.email) out.push(p);
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
