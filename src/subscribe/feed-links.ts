// Feed autodiscovery inside an HTML page: <link rel="alternate" type="application/rss+xml" href="…">
// and its Atom / JSON Feed cousins, in document order (sites list their main feed first).
import { Parser } from 'htmlparser2';

export interface FeedLink {
  url: string;
  title?: string;
  type: string;
}

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'application/x.atom+xml',
  'application/x-atom+xml',
  'text/xml',
  'application/xml',
]);

/** Guessed locations tried when a page links no feed, relative to the site root. */
export const COMMON_FEED_PATHS = ['/feed', '/rss.xml', '/atom.xml', '/feed.json', '/index.xml', '/feed.xml', '/rss'];

export function findFeedLinks(html: string, pageUrl: string): FeedLink[] {
  const links: FeedLink[] = [];
  const seen = new Set<string>();
  let base = pageUrl;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && attrs.href) base = resolve(attrs.href, pageUrl) ?? base;
        if (name !== 'link' || !attrs.href) return;
        const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        const type = (attrs.type ?? '').toLowerCase().split(';')[0].trim();
        if (!rel.includes('alternate') || !FEED_TYPES.has(type)) return;
        const url = resolve(attrs.href, base);
        if (!url || seen.has(url)) return;
        seen.add(url);
        links.push({ url, type, title: attrs.title?.trim() || undefined });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return links;
}

function resolve(href: string, base: string): string | undefined {
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
