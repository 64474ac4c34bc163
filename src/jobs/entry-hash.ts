// A hash of an entry as the feed sent it. Most entries of a fetched feed are ones already stored
// unchanged; comparing hashes skips cleaning and storing them (cleaning is the costly part).
import { createHash } from 'node:crypto';
import type { Entry } from '../parse/entry.ts';

export function entryHash(entry: Entry): string {
  const h = createHash('sha1');
  // Every field that reaches the Post; a separator that cannot occur in XML text keeps fields apart.
  for (const part of [
    entry.title,
    entry.titleType,
    entry.link,
    entry.summary,
    entry.summaryType,
    entry.content,
    entry.contentType,
    entry.baseUrl,
    entry.language,
    entry.published?.getTime(),
    entry.updated?.getTime(),
  ]) {
    h.update(part === undefined ? '\u0000' : String(part));
    h.update('\u0001');
  }
  h.update(JSON.stringify([entry.authors, entry.categories, entry.enclosures]));
  return h.digest('base64url');
}
