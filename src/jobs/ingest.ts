// Bytes of one fetched feed → the posts to store: parse, hash every entry, clean only the entries that
// changed since the last fetch. Pure CPU work with plain-data input and output, so the refresh job can
// run it on a worker thread (ingest-pool.ts) while the main thread fetches and writes.
import type { Post } from '../clean/post.ts';
import { toPost } from '../clean/to-post.ts';
import type { ParsedFeed } from '../parse/entry.ts';
import { parseFeed } from '../parse/index.ts';
import { entryHash } from './entry-hash.ts';

export interface IngestInput {
  body: Uint8Array;
  /** The URL the bytes came from (after redirects): the base for relative links. */
  url: string;
  contentType?: string;
  /** Hashes of the entries stored by earlier fetches of this feed, by entry id. */
  known: ReadonlyMap<string, string>;
}

export interface IngestResult {
  title?: string;
  siteUrl?: string;
  ttlMinutes?: number;
  /** Parse problems, summarised in one line; undefined when the feed was clean. */
  warnings?: string;
  /** Publication times of every entry (for the adaptive poll schedule). */
  entryTimes: Date[];
  /** Posts of the new and changed entries only. */
  posts: Post[];
  entryHashes: Map<string, string>;
}

export function ingest(input: IngestInput): IngestResult {
  const parsed = parseFeed(input.body, { url: input.url, contentType: input.contentType });
  const entryHashes = new Map(parsed.entries.map((entry) => [entry.id, entryHash(entry)]));
  const changed = parsed.entries.filter((entry) => input.known.get(entry.id) !== entryHashes.get(entry.id));
  return {
    title: parsed.title,
    siteUrl: parsed.siteUrl,
    ttlMinutes: parsed.ttlMinutes,
    warnings: warnings(parsed),
    entryTimes: parsed.entries.map((e) => e.published ?? e.updated).filter((d): d is Date => d !== undefined),
    posts: changed.map((entry) => toPost(entry, { url: input.url, siteUrl: parsed.siteUrl })),
    entryHashes,
  };
}

function warnings(parsed: ParsedFeed): string | undefined {
  if (parsed.issues.length === 0) return undefined;
  const first = parsed.issues.slice(0, 3).map((i) => (i.line ? `line ${i.line}: ${i.message}` : i.message));
  return first.join('; ') + (parsed.issues.length > 3 ? ` (+${parsed.issues.length - 3} more)` : '');
}
