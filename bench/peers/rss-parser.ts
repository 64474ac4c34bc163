// Adapter: npm `rss-parser` → our ParsedFeed. rss-parser only parses asynchronously (`parseString`
// returns a Promise), so this exports `parseAsync` for speed measurements, and a synchronous `parse` for
// the conformance harness that answers from results computed beforehand by `preparse`.
//
// Mapping notes: for RSS, rss-parser stores <description> in its `content` field and content:encoded in
// `content:encoded`; we map them back to summary and content, since the adapter knows the source of each.
// It reports no format or version (we sniff the root element for `format`, required by our model, and
// leave `version` empty), no updated dates for Atom entries (it folds <updated> into `pubDate`), no Atom
// authors beyond the first name, and no JSON Feed support.
import Parser from 'rss-parser';
import type { Category, Entry, FeedFormat, ParsedFeed, Person } from '../../src/parse/entry.ts';
import { toDate } from './dates.ts';
import { decodeForPeer } from './decode.ts';
import { entryId } from './entry-id.ts';

export const name = 'rss-parser';

type Options = { url?: string; contentType?: string };
type Output = Parser.Output<Record<string, unknown>> & Record<string, unknown>;
type Item = Output['items'][number];

export async function parseAsync(body: Uint8Array | string, opts: Options = {}): Promise<ParsedFeed> {
  const { text, encoding } = decodeForPeer(body, opts.contentType);
  // A fresh Parser per document: xml2js keeps parser state between calls and can be left broken by an error.
  const output = (await new Parser().parseString(text)) as Output;
  return toParsedFeed(output, sniffFormat(text), encoding);
}

const preparsed = new Map<string, ParsedFeed | Error>();

function cacheKey(body: Uint8Array | string, opts: Options): string {
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  return `${opts.contentType ?? ''}\u0000${text}`;
}

/** Parses each input now, so that `parse` can answer synchronously later. */
export async function preparse(inputs: Iterable<{ body: Uint8Array | string; opts: Options }>): Promise<void> {
  for (const { body, opts } of inputs) {
    const key = cacheKey(body, opts);
    if (preparsed.has(key)) continue;
    try {
      preparsed.set(key, await parseAsync(body, opts));
    } catch (error) {
      preparsed.set(key, error instanceof Error ? error : new Error(String(error)));
    }
  }
}

export class NotPreparsedError extends Error {
  constructor() {
    super('rss-parser adapter: this document was not given to preparse() first (rss-parser is async only)');
    this.name = 'NotPreparsedError';
  }
}

/** The result `preparse` computed for this exact input; throws what rss-parser threw. */
export function parse(body: Uint8Array | string, opts: Options = {}): ParsedFeed {
  const result = preparsed.get(cacheKey(body, opts));
  if (result === undefined) throw new NotPreparsedError();
  if (result instanceof Error) throw result;
  return result;
}

function sniffFormat(text: string): FeedFormat {
  const root = /<(?!\?|!)(?:[\w.-]+:)?([\w.-]+)/.exec(text)?.[1]?.toLowerCase();
  return root === 'feed' ? 'atom' : root === 'rdf' ? 'rdf' : 'rss';
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // xml2js leaves {_: text, $: attributes} where an element had attributes
  if (value && typeof value === 'object' && typeof (value as { _?: unknown })._ === 'string') return (value as { _: string })._;
  return undefined;
}

function categoriesOf(raw: unknown): Category[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((c: unknown): Category[] => {
    const term = str(c);
    if (!term) return [];
    const domain = (c as { $?: { domain?: string } })?.$?.domain;
    return [{ term, scheme: domain }];
  });
}

function toEntry(item: Item, format: FeedFormat): Entry {
  const fields = item as Item & Record<string, unknown>;
  const link = str(item.link);
  const title = str(item.title);
  const published = toDate(item.isoDate ?? item.pubDate);
  const creator = str(item.creator) ?? str(fields.author) ?? str((fields.itunes as { author?: unknown } | undefined)?.author);
  const authors: Person[] = creator ? [{ name: creator }] : [];
  const enclosure = item.enclosure;
  const isAtom = format === 'atom';
  const summary = isAtom ? str(item.summary) : str(item.content);
  const content = isAtom ? str(item.content) : str(fields['content:encoded']);
  return {
    ...entryId(str(item.guid) ?? str(fields.id), link, title, published, summary ?? content),
    link,
    title,
    authors,
    published,
    summary,
    content,
    categories: categoriesOf(item.categories),
    enclosures: enclosure?.url ? [{ url: enclosure.url, type: enclosure.type, length: toLength(enclosure.length) }] : [],
    language: str(fields.language),
    commentsUrl: str(fields.comments),
    image: str((fields.itunes as { image?: unknown } | undefined)?.image),
  };
}

function toLength(value: unknown): number | undefined {
  const n = Number(value);
  return value === undefined || value === '' || Number.isNaN(n) ? undefined : n;
}

function toParsedFeed(output: Output, format: FeedFormat, encoding: string): ParsedFeed {
  const creator = str(output.creator);
  return {
    format,
    version: '',
    title: str(output.title),
    siteUrl: str(output.link),
    feedUrl: str(output.feedUrl),
    description: str(output.description),
    language: str(output.language),
    image: output.image?.url ?? output.itunes?.image,
    authors: creator ? [{ name: creator }] : [],
    rights: str(output.copyright),
    generator: str(output.generator),
    published: toDate(str(output.pubDate)),
    updated: toDate(str(output.lastBuildDate)),
    ttlMinutes: toLength(output.ttl),
    encoding,
    entries: (output.items ?? []).map((item) => toEntry(item, format)),
    issues: [],
  };
}
