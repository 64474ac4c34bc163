// Adapter: npm `feedsmith` → our ParsedFeed. Maps what feedsmith reports and nothing more: it reports no
// format version, no well-formedness issues and does not resolve relative URLs, so neither does this.
import { parseFeed, type AtomFeed, type JsonFeed, type RdfFeed, type RssFeed } from 'feedsmith';
import type { Category, Enclosure, Entry, Link, ParsedFeed, Person, TextContext, TextType } from '../../src/parse/entry.ts';
import { toDate } from './dates.ts';
import { decodeForPeer } from './decode.ts';
import { entryId } from './entry-id.ts';

export const name = 'feedsmith';

export function parse(body: Uint8Array | string, opts: { url?: string; contentType?: string } = {}): ParsedFeed {
  const { text, encoding } = decodeForPeer(body, opts.contentType);
  const result = parseFeed(text);
  switch (result.format) {
    case 'rss':
      return fromRss(result.feed, encoding);
    case 'rdf':
      return fromRdf(result.feed, encoding);
    case 'atom':
      return fromAtom(result.feed, encoding);
    case 'json':
      return fromJson(result.feed, encoding);
  }
}

type DcFields = { dc?: { creators?: string[]; dates?: string[]; subjects?: string[]; languages?: string[]; rights?: string[] } };

function namesAsPeople(names: string[] | undefined): Person[] {
  return (names ?? []).filter((n) => n).map((n) => ({ name: n }));
}

function subjectsAsCategories(subjects: string[] | undefined): Category[] {
  return (subjects ?? []).filter((s) => s).map((s) => ({ term: s }));
}

function textType(type: string | undefined): TextType | undefined {
  if (!type) return undefined;
  const t = type.toLowerCase();
  if (t === 'text' || t === 'text/plain') return 'text';
  if (t === 'xhtml' || t === 'application/xhtml+xml') return 'xhtml';
  if (t === 'html' || t === 'text/html') return 'html';
  return undefined;
}

function fromRss(feed: RssFeed.Feed<string>, encoding: string): ParsedFeed {
  const feedDc = (feed as DcFields).dc;
  const entries = (feed.items ?? []).map((item): Entry => {
    const dc = (item as DcFields).dc;
    const published = toDate(item.pubDate ?? dc?.dates?.[0]);
    const authors: Person[] = (item.authors ?? []).map((a) => ({ name: a.name, email: a.email, uri: a.link }));
    authors.push(...namesAsPeople(dc?.creators));
    if (!authors.length && item.itunes?.author) authors.push({ name: item.itunes.author });
    const categories: Category[] = (item.categories ?? []).flatMap((c) =>
      c.name ? [{ term: c.name, scheme: c.domain }] : [],
    );
    categories.push(...subjectsAsCategories(dc?.subjects));
    const enclosures: Enclosure[] = (item.enclosures ?? []).flatMap((e) =>
      e.url ? [{ url: e.url, type: e.type, length: e.length }] : [],
    );
    return {
      ...entryId(item.guid?.value, item.link, item.title, published, item.description ?? item.content?.encoded),
      link: item.link,
      title: item.title,
      authors,
      published,
      updated: toDate(item.atom?.updated),
      summary: item.description,
      content: item.content?.encoded,
      categories,
      enclosures,
      language: dc?.languages?.[0],
      rights: dc?.rights?.[0],
      commentsUrl: item.comments,
      image: item.itunes?.image ?? item.media?.thumbnails?.[0]?.url,
      source: item.source ? { title: item.source.title, url: item.source.url } : undefined,
    };
  });
  const authors: Person[] = feed.managingEditor ? [{ ...feed.managingEditor, uri: feed.managingEditor.link }] : [];
  authors.push(...namesAsPeople(feedDc?.creators));
  return {
    format: 'rss',
    version: '',
    title: feed.title,
    siteUrl: feed.link,
    feedUrl: feed.atom?.links?.find((l) => l.rel === 'self')?.href,
    description: feed.description,
    language: feed.language ?? feedDc?.languages?.[0],
    image: feed.image?.url ?? feed.itunes?.image,
    authors,
    rights: feed.copyright ?? feedDc?.rights?.[0],
    generator: feed.generator,
    categories: (feed.categories ?? []).flatMap((c) => (c.name ? [{ term: c.name, scheme: c.domain }] : [])),
    published: toDate(feed.pubDate),
    updated: toDate(feed.lastBuildDate ?? feedDc?.dates?.[0]),
    ttlMinutes: feed.ttl,
    encoding,
    entries,
    issues: [],
  };
}

function fromRdf(feed: RdfFeed.Feed<string>, encoding: string): ParsedFeed {
  const feedDc = (feed as DcFields).dc;
  const entries = (feed.items ?? []).map((item): Entry => {
    const dc = (item as DcFields).dc;
    const published = toDate(dc?.dates?.[0]);
    return {
      ...entryId(item.rdf?.about, item.link, item.title, published, item.description),
      link: item.link,
      title: item.title,
      authors: namesAsPeople(dc?.creators),
      published,
      summary: item.description,
      content: item.content?.encoded,
      categories: subjectsAsCategories(dc?.subjects),
      enclosures: [],
      language: dc?.languages?.[0],
      rights: dc?.rights?.[0],
    };
  });
  return {
    format: 'rdf',
    version: '',
    id: feed.rdf?.about,
    title: feed.title,
    siteUrl: feed.link,
    description: feed.description,
    language: feedDc?.languages?.[0],
    image: feed.image?.url,
    authors: namesAsPeople(feedDc?.creators),
    rights: feedDc?.rights?.[0],
    updated: toDate(feedDc?.dates?.[0]),
    encoding,
    entries,
    issues: [],
  };
}

function atomPeople(people: AtomFeed.Person[] | undefined): Person[] {
  return (people ?? []).map((p) => ({ name: p.name, email: p.email, uri: p.uri }));
}

function alternateLink(links: AtomFeed.Link<string>[] | undefined): string | undefined {
  return (links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href;
}

function atomLinks(links: AtomFeed.Link<string>[] | undefined): Link[] | undefined {
  if (!links?.length) return undefined;
  return links.flatMap((l) =>
    l.href ? [{ href: l.href, rel: l.rel ?? 'alternate', type: l.type, title: l.title, hreflang: l.hreflang, length: l.length }] : [],
  );
}

/** feedsmith reports xml:lang and xml:base per text element; keep them where it states them. */
function textContext(xml: { lang?: string; base?: string } | undefined): TextContext | undefined {
  if (xml?.lang === undefined && xml?.base === undefined) return undefined;
  return { ...(xml.lang !== undefined ? { language: xml.lang } : {}), ...(xml.base !== undefined ? { base: xml.base } : {}) };
}

function atomCategories(categories: AtomFeed.Category[] | undefined): Category[] {
  return (categories ?? []).flatMap((c) => (c.term ? [{ term: c.term, scheme: c.scheme, label: c.label }] : []));
}

function fromAtom(feed: AtomFeed.Feed<string>, encoding: string): ParsedFeed {
  const entries = (feed.entries ?? []).map((entry): Entry => {
    const link = alternateLink(entry.links);
    const title = entry.title?.value;
    const published = toDate(entry.published);
    const updated = toDate(entry.updated);
    const enclosures: Enclosure[] = (entry.links ?? [])
      .filter((l) => l.rel === 'enclosure' && l.href)
      .map((l) => ({ url: l.href as string, type: l.type, length: l.length }));
    return {
      ...entryId(entry.id, link, title, published ?? updated, entry.summary?.value ?? entry.content?.value),
      link,
      title,
      titleType: textType(entry.title?.type),
      authors: atomPeople(entry.authors),
      published,
      updated,
      summary: entry.summary?.value,
      summaryType: textType(entry.summary?.type),
      content: entry.content?.value,
      contentType: textType(entry.content?.type),
      categories: atomCategories(entry.categories),
      enclosures,
      links: atomLinks(entry.links),
      contributors: atomPeople(entry.contributors),
      rights: entry.rights?.value,
      rightsType: textType(entry.rights?.type),
      language: entry.xml?.lang,
      baseUrl: entry.xml?.base,
      textContext: {
        title: textContext(entry.title?.xml),
        summary: textContext(entry.summary?.xml),
        content: textContext(entry.content?.xml),
        rights: textContext(entry.rights?.xml),
      },
      source: entry.source
        ? { title: entry.source.title?.value, url: alternateLink(entry.source.links), id: entry.source.id }
        : undefined,
    };
  });
  return {
    format: 'atom',
    version: '',
    id: feed.id,
    title: feed.title?.value,
    titleType: textType(feed.title?.type),
    siteUrl: alternateLink(feed.links),
    feedUrl: feed.links?.find((l) => l.rel === 'self')?.href,
    links: atomLinks(feed.links),
    description: feed.subtitle?.value,
    descriptionType: textType(feed.subtitle?.type),
    rights: feed.rights?.value,
    rightsType: textType(feed.rights?.type),
    generator: feed.generator?.text,
    language: feed.xml?.lang,
    image: feed.logo,
    icon: feed.icon,
    authors: atomPeople(feed.authors),
    contributors: atomPeople(feed.contributors),
    categories: atomCategories(feed.categories),
    baseUrl: feed.xml?.base,
    textContext: {
      title: textContext(feed.title?.xml),
      description: textContext(feed.subtitle?.xml),
      rights: textContext(feed.rights?.xml),
    },
    updated: toDate(feed.updated),
    encoding,
    entries,
    issues: [],
  };
}

function jsonPeople(authors: JsonFeed.Author[] | undefined): Person[] {
  return (authors ?? []).map((a) => ({ name: a.name, uri: a.url }));
}

function fromJson(feed: JsonFeed.Feed<string>, encoding: string): ParsedFeed {
  const entries = (feed.items ?? []).map((item): Entry => {
    const link = item.url ?? item.external_url;
    const published = toDate(item.date_published);
    const html = item.content_html;
    return {
      ...entryId(item.id, link, item.title, published, html ?? item.content_text ?? item.summary),
      link,
      title: item.title,
      titleType: item.title === undefined ? undefined : 'text',
      authors: jsonPeople(item.authors),
      published,
      updated: toDate(item.date_modified),
      summary: item.summary,
      summaryType: item.summary === undefined ? undefined : 'text',
      content: html ?? item.content_text,
      contentType: html !== undefined ? 'html' : item.content_text !== undefined ? 'text' : undefined,
      categories: (item.tags ?? []).map((t) => ({ term: t })),
      enclosures: (item.attachments ?? []).flatMap((a) =>
        a.url ? [{ url: a.url, type: a.mime_type, length: a.size_in_bytes }] : [],
      ),
      language: item.language,
      image: item.image,
    };
  });
  return {
    format: 'json',
    version: '',
    title: feed.title,
    titleType: feed.title === undefined ? undefined : 'text',
    siteUrl: feed.home_page_url,
    feedUrl: feed.feed_url,
    description: feed.description,
    language: feed.language,
    icon: feed.favicon,
    image: feed.icon,
    authors: jsonPeople(feed.authors),
    encoding,
    entries,
    issues: [],
  };
}
