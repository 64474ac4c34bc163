// Adapter: npm `@rowanmanning/feed-parser` → our ParsedFeed. Its Feed and FeedItem compute every field
// lazily in getters, so reading each field once here is part of its honest parse cost. It reads only
// XML (no JSON Feed), reports no text types and no well-formedness issues.
import { parseFeed } from '@rowanmanning/feed-parser';
import type { Category, Entry, FeedFormat, ParsedFeed, Person } from '../../src/parse/entry.ts';
import { decodeForPeer } from './decode.ts';
import { entryId } from './entry-id.ts';

export const name = 'rowanmanning';

type FeedAuthor = { name: string | null; email: string | null; url: string | null };

export function parse(body: Uint8Array | string, opts: { url?: string; contentType?: string } = {}): ParsedFeed {
  const { text, encoding } = decodeForPeer(body, opts.contentType);
  const feed = parseFeed(text);
  const meta = feed.meta;
  const entries = feed.items.map((item): Entry => {
    const link = orUndefined(item.url);
    const title = orUndefined(item.title);
    const published = orUndefined(item.published);
    const updated = orUndefined(item.updated);
    const summary = orUndefined(item.description);
    const content = orUndefined(item.content);
    return {
      ...entryId(item.id, link, title, published ?? updated, summary ?? content),
      link,
      title,
      authors: people(item.authors),
      published,
      updated,
      summary,
      content,
      categories: categories(item.categories),
      enclosures: item.media.map((m) => ({ url: m.url, type: orUndefined(m.mimeType), length: orUndefined(m.length) })),
      image: orUndefined(item.image?.url),
    };
  });
  return {
    format: formatOf(meta.type, meta.version),
    version: versionOf(meta.type, meta.version),
    title: orUndefined(feed.title),
    siteUrl: orUndefined(feed.url),
    feedUrl: orUndefined(feed.self),
    description: orUndefined(feed.description),
    language: orUndefined(feed.language),
    image: orUndefined(feed.image?.url),
    authors: people(feed.authors),
    categories: categories(feed.categories),
    rights: orUndefined(feed.copyright),
    generator: orUndefined(feed.generator?.label),
    published: orUndefined(feed.published),
    updated: orUndefined(feed.updated),
    encoding,
    entries,
    issues: [],
  };
}

function orUndefined<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

function people(authors: FeedAuthor[]): Person[] {
  return authors.map((a) => ({ name: orUndefined(a.name), email: orUndefined(a.email), uri: orUndefined(a.url) }));
}

function categories(list: { term: string; label: string | null; url: string | null }[]): Category[] {
  return list.map((c) => ({ term: c.term, scheme: orUndefined(c.url), label: orUndefined(c.label) }));
}

function formatOf(type: string, version: string | null): FeedFormat {
  if (type === 'atom') return 'atom';
  if (type.toLowerCase() === 'rdf' || version === '1.0') return 'rdf';
  return 'rss';
}

/** Its `meta` names the version; translate to feedparser's names where that is unambiguous. */
function versionOf(type: string, version: string | null): string {
  if (type === 'atom') return version === '1.0' ? 'atom10' : version === '0.3' ? 'atom03' : '';
  if (version === '2.0') return 'rss20';
  if (version === '1.0') return 'rss10';
  return ''; // "0.9" lumps together 0.90 … 0.94, which feedparser tells apart
}
