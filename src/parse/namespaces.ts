// Feeds spell the same namespace several ways (case, trailing slash, old and new URIs). Readers match
// elements on one short canonical key per namespace instead, like Python's feedparser does.

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Canonical key → the URIs that mean it. RSS 0.9/1.0/2.0 "namespaces" all mean plain RSS (''). */
const KNOWN: Record<string, string[]> = {
  '': [
    'http://purl.org/rss/1.0/',
    'http://my.netscape.com/rdf/simple/0.9/',
    'http://backend.userland.com/rss',
    'http://backend.userland.com/rss2',
    'http://backend.userland.com/rss2.1',
    'http://blogs.law.harvard.edu/tech/rss',
  ],
  atom: [
    'http://www.w3.org/2005/atom',
    'http://purl.org/atom/ns#',
    'http://purl.org/pie/',
    'http://purl.org/echo/',
    'http://example.com/necho',
    'http://example.com/newformat#',
  ],
  xml: [XML_NS],
  rdf: ['http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  dc: ['http://purl.org/dc/elements/1.1/', 'http://purl.org/dc/elements/1.0/'],
  dcterms: ['http://purl.org/dc/terms/'],
  content: ['http://purl.org/rss/1.0/modules/content/'],
  xhtml: ['http://www.w3.org/1999/xhtml'],
  media: ['http://search.yahoo.com/mrss/', 'http://search.yahoo.com/mrss', 'http://video.search.yahoo.com/mrss'],
  itunes: ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'http://example.com/dtds/podcast-1.0.dtd'],
  googleplay: ['http://www.google.com/schemas/play-podcasts/1.0'],
  podcast: ['https://podcastindex.org/namespace/1.0'],
  slash: ['http://purl.org/rss/1.0/modules/slash/'],
  wfw: ['http://wellformedweb.org/commentapi/'],
  feedburner: ['http://rssnamespace.org/feedburner/ext/1.0'],
  georss: ['http://www.georss.org/georss'],
  admin: ['http://webns.net/mvcb/'],
  sy: ['http://purl.org/rss/1.0/modules/syndication/'],
  psc: ['http://podlove.org/simple-chapters'],
  cc: ['http://web.resource.org/cc/'],
  creativecommons: ['http://backend.userland.com/creativecommonsrssmodule', 'http://cyber.law.harvard.edu/rss/creativecommonsrssmodule.html'],
  thr: ['http://purl.org/syndication/thread/1.0'],
};

const BY_URI = new Map<string, string>();
for (const [key, uris] of Object.entries(KNOWN)) for (const uri of uris) BY_URI.set(uri, key);

/** The canonical key of a namespace URI; unknown URIs are their own key. */
export function canonicalNamespace(uri: string): string {
  if (uri === '') return '';
  const known = BY_URI.get(uri);
  if (known !== undefined) return known;
  const folded = BY_URI.get(uri.toLowerCase());
  return folded ?? uri;
}

/** The URI a well-known prefix stands for when a feed uses it without declaring it. */
export function namespaceFor(prefix: string): string | undefined {
  const key = prefix.toLowerCase();
  if (key === 'rss') return '';
  return KNOWN[key]?.[0];
}
