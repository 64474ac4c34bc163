// A Post is an Entry made safe and comparable: sanitized HTML, plain text for scoring,
// a canonical URL and the fingerprints that deduplication uses.
import type { Category, Enclosure, Person } from '../parse/entry.ts';

export interface Post {
  /** The entry id from the feed (stable across fetches of the same feed). */
  entryId: string;
  /** Canonical URL: tracking parameters stripped, host lower-cased, default port and fragment dropped. */
  url?: string;
  /** The link as the feed gave it, resolved against the entry's base URL; absent unless http(s). */
  link?: string;
  title: string;
  authors: Person[];
  published?: Date;
  updated?: Date;
  /** Sanitized HTML (allow-list), safe to render. */
  contentHtml: string;
  /** Plain text of the body (not the title): one line per block, spaces collapsed; for scoring and snippets. */
  text: string;
  language?: string;
  categories: Category[];
  enclosures: Enclosure[];
  /** A representative image (media:thumbnail, itunes:image, JSON image): absolute http(s) or raster data: URL. */
  image?: string;
  /** The page holding the post's comments (RSS <comments>), absolute http(s). */
  commentsUrl?: string;
  /** 64-bit simhash of the text's word shingles as 16 hex digits; near-duplicates differ in few bits. */
  simhash: string;
}
