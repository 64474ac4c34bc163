// parseFeed: bytes as fetched → one ParsedFeed, whatever the format. It never throws on a broken feed
// (problems go to `issues`); only a document that is not a feed at all raises NotAFeedError.
import type { ParsedFeed } from './entry.ts';
import { decodeFeed } from './encoding.ts';
import { NotAFeedError } from './errors.ts';
import { readAtom } from './atom.ts';
import { readJsonFeed } from './json.ts';
import { readRss } from './rss.ts';
import { parseXml } from './xml.ts';

export { NotAFeedError } from './errors.ts';
export type { ParsedFeed, Entry } from './entry.ts';

export interface ParseOptions {
  /** Where the feed was fetched from: the base for relative URLs. */
  url?: string;
  /** The HTTP Content-Type header; its charset counts for the encoding. */
  contentType?: string;
}

export function parseFeed(body: Uint8Array | string, opts: ParseOptions = {}): ParsedFeed {
  const decoded = decodeFeed(body, opts.contentType);
  const text = decoded.text;
  const start = firstSignificant(text);
  if (start === -1) throw new NotAFeedError('the document is empty', opts.url);
  if (text.charCodeAt(start) === 123 /* { */) return parseJson(text, decoded.encoding, decoded.issues, opts.url);
  if (text.charCodeAt(start) !== 60 /* < */) throw new NotAFeedError('the document is neither XML nor JSON', opts.url);

  const doc = parseXml(start === 0 ? text : text.slice(start), { utf8: decoded.encoding === 'utf-8' });
  const root = doc.root;
  if (!root) throw new NotAFeedError('the document has no root element', opts.url);
  const issues = decoded.issues.concat(doc.issues);
  let feed: Omit<ParsedFeed, 'encoding' | 'issues'>;
  if (root.local === 'feed') feed = readAtom(root, opts.url);
  else if (root.local === 'rss' || root.local === 'rdf' || root.local === 'channel') feed = readRss(root, opts.url, doc.doctype);
  else throw new NotAFeedError(`the root element is <${root.qname}>, not rss, RDF, feed or channel`, opts.url);
  return { ...feed, encoding: decoded.encoding, issues };
}

function parseJson(text: string, encoding: string, issues: ParsedFeed['issues'], url: string | undefined): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new NotAFeedError('the JSON does not parse', url, { cause: error });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new NotAFeedError('the JSON is not an object', url);
  const json = doc as Record<string, unknown>;
  const version = json.version;
  if (!(typeof version === 'string' && version.includes('jsonfeed.org')) && !Array.isArray(json.items)) {
    throw new NotAFeedError('the JSON is not a JSON Feed (no version, no items)', url);
  }
  const feed = readJsonFeed(json, url, issues);
  return { ...feed, encoding, issues };
}

function firstSignificant(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 0xfeff && c !== 0) return i;
  }
  return -1;
}
