// GET /api/v1/feed's body, encoded once per page edition. A reader app asks for the same page again
// and again, and making its JSON (50 items with their breakdowns, ~40 kB) was a third of the
// request's CPU: building the objects, JSON.stringify, then encoding the string to UTF-8. Pages of
// one edition hold the same items, posts and interests (jobs/user-feed.ts); only each item's
// rankScore moves with `now`. So the body is kept as the UTF-8 bytes around the rankScores, and
// each request splices its own rankScores in: the numbers are exact at the request's `now`.
import { feedItemJson, type RankedFeed } from '../../actions/feed.ts';
import { EncodedJson } from './route.ts';

/** Pages kept: a few per reader app (first page, an interest, the next page) for ~100 readers;
 *  ~40 kB each at 50 items, so a few MB. */
const MAX_PAGES = 200;
const kept = new Map<string, Uint8Array[]>();
const utf8 = new TextEncoder();

/**
 * The feed's JSON body (`{items, next, postsScored}`, items as `feedItemJson` with `rankScore`
 * last), from the bytes kept for its edition and view when there are some. `view` names
 * everything else the page was asked with (interest, limit, offset, before).
 */
export function encodedFeed(feed: RankedFeed, view: string): EncodedJson {
  // Read and starred state is part of the edition too (marking moves the feed version); keyed
  // all the same, so a state read apart from the edition can never be served stale.
  const states = feed.items.map((i) => (i.read ? 1 : 0) + (i.starred ? 2 : 0)).join('');
  const key = `${feed.edition} ${states} ${view}`;
  let pieces = kept.get(key);
  if (!pieces) {
    pieces = piecesOf(feed);
    kept.set(key, pieces);
    if (kept.size > MAX_PAGES) kept.delete(kept.keys().next().value as string);
  }
  return new EncodedJson(spliced(pieces, feed.items.map((i) => JSON.stringify(i.rankScore))));
}

/** The body's bytes between the rankScores: one piece more than there are items. */
function piecesOf(feed: RankedFeed): Uint8Array[] {
  const tail = `],"next":${JSON.stringify(feed.next ?? null)},"postsScored":${JSON.stringify(feed.postsScored)}}`;
  if (feed.items.length === 0) return [utf8.encode(`{"items":[${tail}`)];
  const pieces: string[] = [];
  let open = '{"items":[';
  for (const item of feed.items) {
    const { rankScore: _, ...rest } = feedItemJson(item);
    pieces.push(`${open}${JSON.stringify(rest).slice(0, -1)},"rankScore":`);
    open = '},';
  }
  pieces.push(`}${tail}`);
  return pieces.map((p) => utf8.encode(p));
}

function spliced(pieces: readonly Uint8Array[], numbers: readonly string[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const p of pieces) length += p.length;
  for (const n of numbers) length += n.length; // JSON numbers are ASCII: one byte a character
  const out = new Uint8Array(length);
  let at = 0;
  for (let i = 0; i < pieces.length; i++) {
    out.set(pieces[i], at);
    at += pieces[i].length;
    if (i < numbers.length) at += utf8.encodeInto(numbers[i], out.subarray(at)).written;
  }
  return out;
}
