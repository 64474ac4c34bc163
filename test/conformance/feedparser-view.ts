// A feedparser-shaped view of our model, so feedparser's own expectations can be evaluated against
// Sluice's ParsedFeed. The mapping is honest: every value comes from a field of ParsedFeed/Entry, and
// what the model does not hold is simply absent (a KeyError, i.e. a failure) unless it is on the list
// of things Sluice deliberately does not model (NOT_MODELED: the expectation is skipped, with why).
//
// HTML: feedparser returns HTML sanitized and with relative URLs resolved. Sluice does that in the
// clean stage, so the view runs our HTML through that stage's sanitizeHtml (with the entry's base URL)
// and marks it as HtmlValue, which the harness compares after normalizing both sides.
import type { Category, Entry, EntrySource, Link, ParsedFeed, Person, TextContext, TextType } from '../../src/parse/entry.ts';
import { sanitizeHtml } from '../../src/clean/sanitize.ts';

/** An HTML string as the clean stage would render it; compared by normalized markup. */
export class HtmlValue {
  readonly html: string;
  /** The base URL it was sanitized against: the harness sanitizes feedparser's answer the same way. */
  readonly base: string | undefined;
  constructor(html: string, base: string | undefined) {
    this.html = html;
    this.base = base;
  }
  toString(): string {
    return this.html;
  }
}

export type ViewValue = string | number | boolean | null | HtmlValue | ViewValue[] | ViewDict;
export interface ViewDict {
  [key: string]: ViewValue;
}

/**
 * Keys feedparser fills that Sluice does not model, with the reason. Keys are matched exactly, or
 * by prefix when they end in '*'.
 */
export const NOT_MODELED: Record<string, string> = {
  'itunes_*': 'iTunes podcast metadata (explicit, block, duration, owner ...) is not modeled',
  'media_*': 'Media RSS details beyond enclosures and the entry image are not modeled',
  'psc_chapters': 'Podlove chapters are not modeled',
  'where': 'GeoRSS / GML locations are not modeled',
  'geo_*': 'GeoRSS / GML locations are not modeled',
  'georss_*': 'GeoRSS / GML locations are not modeled',
  'cloud': 'RSS <cloud> (rssCloud registration) is not modeled',
  'textinput': 'RSS <textInput> is not modeled',
  'docs': 'RSS <docs> (a link to the RSS spec) is not modeled',
  'info': 'Atom 0.3 <info> is not modeled',
  'info_detail': 'Atom 0.3 <info> is not modeled',
  'publisher': 'dc:publisher / webMaster is not modeled',
  'publisher_detail': 'dc:publisher / webMaster is not modeled',
  'created': 'raw date strings are not kept (instants are: *_parsed)',
  'created_parsed': 'the Atom 0.3 / dcterms "created" date is not modeled',
  'expired': 'raw date strings are not kept (instants are: *_parsed)',
  'expired_parsed': 'the expiry date (Atom 0.3 <expires>, dcterms:valid) is not modeled',
  'validity_*': 'dcterms:valid periods are not modeled',
  'updated': 'raw date strings are not kept (instants are: *_parsed)',
  'published': 'raw date strings are not kept (instants are: *_parsed)',
  'license': 'licence links (cc:license, rel=license) are not modeled',
  'thr_*': 'Atom threading (thr:in-reply-to, thr:total) is not modeled',
  'wfw_*': 'wfw comment API URLs are not modeled',
  'slash_*': 'slash comment counts are not modeled',
  'feedburner_*': 'FeedBurner extensions are not modeled',
  'guidislink': 'whether the GUID doubled as the link is not modeled',
  'ttl': 'RSS <ttl> is modeled in minutes as a number; feedparser keeps the raw string',
  'rating': 'content ratings are not modeled',
  'dc_*': 'unmapped Dublin Core elements are not kept',
  'admin_*': 'admin: elements are not modeled',
  'sy_*': 'syndication-module update hints are not modeled',
  'newlocation': 'itunes:new-feed-url is not modeled',
  'errorreportsto': 'admin:errorReportsTo is not modeled',
  'xhtml_*': 'stray XHTML elements are not kept',
  'content_*': 'unmapped content: elements are not kept',
  'madeup_element': 'elements of unknown namespaces are not kept',
  'abcdefg': 'elements of unknown namespaces are not kept',
  'content.src': 'out-of-line Atom content (content src=) is not modeled',
  'image.title': 'RSS <image> is modeled as its URL only',
  'image.link': 'RSS <image> is modeled as its URL only',
  'image.width': 'RSS <image> is modeled as its URL only',
  'image.height': 'RSS <image> is modeled as its URL only',
  'image.description': 'RSS <image> is modeled as its URL only',
  'image.title_detail': 'RSS <image> is modeled as its URL only',
  'image.links': 'RSS <image> is modeled as its URL only',
};

/** The reason a key is not modeled, if it is one; `parent` names the dict for 'image.*' entries. */
export function notModeledReason(key: string, parent?: string): string | undefined {
  const scoped = parent ? `${parent}.${key}` : undefined;
  if (scoped && NOT_MODELED[scoped]) return NOT_MODELED[scoped];
  if (NOT_MODELED[key]) return NOT_MODELED[key];
  for (const pattern of Object.keys(NOT_MODELED)) {
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    if (scoped?.startsWith(prefix) || (!prefix.includes('.') && key.startsWith(prefix))) return NOT_MODELED[pattern];
  }
  return undefined;
}

export interface FeedparserView {
  bozo: number;
  version: string;
  encoding: string;
  feed: ViewDict;
  entries: ViewDict[];
}

const MIME: Record<TextType, string> = { text: 'text/plain', html: 'text/html', xhtml: 'application/xhtml+xml' };

export function feedparserView(parsed: ParsedFeed): FeedparserView {
  return {
    bozo: parsed.issues.length > 0 ? 1 : 0,
    version: parsed.version,
    encoding: parsed.encoding,
    feed: feedView(parsed),
    entries: parsed.entries.map((e) => entryView(e, parsed)),
  };
}

function feedView(feed: ParsedFeed): ViewDict {
  const out: ViewDict = {};
  const base = feed.baseUrl;
  const language = feed.language;
  const where = (field: TextContext | undefined) => within(field, base, language);
  text(out, 'title', feed.title, feed.titleType ?? 'text', where(feed.textContext?.title));
  text(out, 'subtitle', feed.description, feed.descriptionType ?? 'html', where(feed.textContext?.description));
  text(out, 'rights', feed.rights, feed.rightsType ?? 'text', where(feed.textContext?.rights));
  if (feed.siteUrl !== undefined) out.link = feed.siteUrl;
  const links = feed.links ?? [
    ...(feed.siteUrl ? [{ href: feed.siteUrl, rel: 'alternate' }] : []),
    ...(feed.feedUrl ? [{ href: feed.feedUrl, rel: 'self' }] : []),
  ];
  if (links.length) out.links = links.map(linkView);
  if (feed.id !== undefined) out.id = feed.id;
  people(out, feed.authors, feed.contributors);
  generator(out, feed);
  if (feed.language !== undefined) out.language = feed.language;
  if (feed.image !== undefined) {
    out.image = { href: feed.image, url: feed.image };
    out.logo = feed.image;
  }
  if (feed.icon !== undefined) out.icon = feed.icon;
  if (feed.categories?.length) out.tags = feed.categories.map(tagView);
  if (feed.updated) out.updated_parsed = timeTuple(feed.updated);
  if (feed.published) out.published_parsed = timeTuple(feed.published);
  return out;
}

function entryView(entry: Entry, feed: ParsedFeed): ViewDict {
  const out: ViewDict = {};
  const base = entry.baseUrl ?? feed.baseUrl;
  // The parser gives each entry the language in effect there (inherited or its own); unset means none.
  const language = entry.language;
  if (entry.idFromFeed) out.id = entry.id;
  const where = (field: TextContext | undefined) => within(field, base, language);
  const contexts = entry.textContext;
  text(out, 'title', entry.title, entry.titleType ?? 'text', where(contexts?.title));
  // feedparser copies text, HTML or XHTML content into "summary" when the entry has no summary of its own.
  if (entry.summary !== undefined) text(out, 'summary', entry.summary, entry.summaryType ?? 'html', where(contexts?.summary));
  else if (entry.content !== undefined) text(out, 'summary', entry.content, entry.contentType ?? 'html', where(contexts?.content));
  text(out, 'rights', entry.rights, entry.rightsType ?? 'text', where(contexts?.rights));
  if (entry.content !== undefined) {
    const content: ViewDict = {};
    const context = where(contexts?.content);
    text(content, 'value', entry.content, entry.contentType ?? 'html', context);
    content.type = MIME[entry.contentType ?? 'html'];
    content.base = context.base ?? null;
    content.language = context.language ?? null;
    out.content = [content];
  }
  if (entry.language !== undefined) out.language = entry.language;
  if (entry.link !== undefined) out.link = entry.link;
  const links: Link[] = entry.links ?? [
    ...(entry.link ? [{ href: entry.link, rel: 'alternate' }] : []),
    ...entry.enclosures.map((e) => ({ href: e.url, rel: 'enclosure', type: e.type, length: e.length })),
  ];
  if (links.length) out.links = links.map(linkView);
  people(out, entry.authors, entry.contributors);
  if (entry.published) out.published_parsed = timeTuple(entry.published);
  if (entry.updated) out.updated_parsed = timeTuple(entry.updated);
  if (entry.categories.length) out.tags = entry.categories.map(tagView);
  if (entry.enclosures.length) {
    out.enclosures = entry.enclosures.map((e) => {
      const enclosure: ViewDict = { href: e.url };
      if (e.type !== undefined) enclosure.type = e.type;
      if (e.length !== undefined) enclosure.length = String(e.length);
      return enclosure;
    });
  }
  if (entry.commentsUrl !== undefined) out.comments = entry.commentsUrl;
  if (entry.source) out.source = sourceView(entry.source, base, language);
  if (entry.image !== undefined) out.image = { href: entry.image };
  return out;
}

/** The feed an entry came from, shaped like feedparser's `source` (a small feed dict). */
function sourceView(source: EntrySource, base: string | undefined, language: string | undefined): ViewDict {
  const out: ViewDict = {};
  const where = { base, language };
  text(out, 'title', source.title, source.titleType ?? 'text', where);
  text(out, 'subtitle', source.description, source.descriptionType ?? 'text', where);
  text(out, 'rights', source.rights, source.rightsType ?? 'text', where);
  if (source.url !== undefined) {
    out.href = source.url;
    out.link = source.url;
  }
  if (source.links?.length) out.links = source.links.map(linkView);
  if (source.id !== undefined) out.id = source.id;
  people(out, source.authors ?? [], source.contributors);
  if (source.categories?.length) out.tags = source.categories.map(tagView);
  if (source.updated) out.updated_parsed = timeTuple(source.updated);
  generator(out, source);
  if (source.icon !== undefined) out.icon = source.icon;
  if (source.image !== undefined) out.logo = source.image;
  return out;
}

/** `generator` and `generator_detail` {name, href (alias url), version}. */
function generator(out: ViewDict, from: { generator?: string; generatorUri?: string; generatorVersion?: string }): void {
  if (from.generator === undefined && from.generatorUri === undefined && from.generatorVersion === undefined) return;
  if (from.generator !== undefined) out.generator = from.generator;
  const detail: ViewDict = {};
  if (from.generator !== undefined) detail.name = from.generator;
  if (from.generatorUri !== undefined) detail.href = from.generatorUri;
  if (from.generatorVersion !== undefined) detail.version = from.generatorVersion;
  out.generator_detail = detail;
}

/** The language and base of one field: its own where it states them, else its entry's or feed's. */
function within(field: TextContext | undefined, base: string | undefined, language: string | undefined): TextContext {
  if (!field) return { base, language };
  // The parser's contract: a field with its own context states its language; unset means none (xml:lang="").
  return { base: field.base ?? base, language: field.language };
}

/** Sets `key` and `key_detail` for a text construct. */
function text(out: ViewDict, key: string, value: string | undefined, type: TextType, where: TextContext): void {
  if (value === undefined) return;
  const shown: ViewValue = type === 'text' ? value : new HtmlValue(sanitizeHtml(value, where.base), where.base);
  out[key] = shown;
  if (key === 'value') return;
  out[`${key}_detail`] = { type: MIME[type], value: shown, base: where.base ?? null, language: where.language ?? null };
}

function people(out: ViewDict, authors: Person[], contributors: Person[] | undefined): void {
  if (authors.length) {
    out.authors = authors.map(personView);
    out.author_detail = personView(authors[0]);
    const { name, email } = authors[0];
    const author = name && email ? `${name} (${email})` : (name ?? email);
    if (author !== undefined) out.author = author;
  }
  if (contributors?.length) out.contributors = contributors.map(personView);
}

function personView(p: Person): ViewDict {
  const out: ViewDict = {};
  if (p.name !== undefined) out.name = p.name;
  if (p.email !== undefined) out.email = p.email;
  if (p.uri !== undefined) out.href = p.uri;
  return out;
}

function linkView(l: Link): ViewDict {
  const out: ViewDict = { href: l.href, rel: l.rel };
  if (l.type !== undefined) out.type = l.type;
  if (l.title !== undefined) out.title = l.title;
  if (l.hreflang !== undefined) out.hreflang = l.hreflang;
  if (l.length !== undefined) out.length = String(l.length);
  return out;
}

function tagView(c: Category): ViewDict {
  return { term: c.term, scheme: c.scheme ?? null, label: c.label ?? null };
}

/** Python's time.struct_time for a UTC instant: (Y, M, D, h, m, s, weekday Mon=0, yearday, isdst=0). */
export function timeTuple(d: Date): number[] {
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - start) / 86_400_000) + 1;
  return [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    (d.getUTCDay() + 6) % 7,
    yday,
    0,
  ];
}
