// The ranked feed's HTML, made once per page edition. A reader's feed page is asked for again and
// again while nothing changes: the feed's page is kept (jobs/feed-cache.ts) and so is its HTML
// (30 items and a chip per interest: ~2 ms to make, more than the rest of the request). The HTML is
// kept under everything it is made of: the edition (same items, posts, interests), the view's
// other fields, each item's read and starred state, and each item's age as the page words it —
// "5 min ago" becomes "6 min ago" when it should. Only rankScore, which the page does not show, is
// left out of the key.
import type { RankedFeed } from '../../actions/feed.ts';
import { relativeTime } from './relative-time.ts';

/** Views kept: a few per reader (first page, an interest, the next page) for ~100 readers; a
 *  whole page is ~130 kB at 600 interests, so at most ~25 MB. */
const MAX_VIEWS = 200;
const kept = new Map<string, string | Uint8Array<ArrayBuffer>>();

type View = { feed: RankedFeed; now: Date };

/** The feed's part of a page (`render(view)`), made once per edition and view. */
export function feedBodyOnce<V extends View>(view: V, render: (view: V) => string): string {
  return once(`body ${keyOf(view)}`, () => render(view));
}

/** A whole page made of the view alone, made once per edition and view and kept as UTF-8: sent
 *  as it is, a 100 kB page is copied, not encoded again at every request. */
export function feedPageOnce<V extends View>(view: V, render: (view: V) => string): Uint8Array<ArrayBuffer> {
  return once(`page ${keyOf(view)}`, () => new TextEncoder().encode(render(view)));
}

function once<T extends string | Uint8Array<ArrayBuffer>>(key: string, make: () => T): T {
  const html = kept.get(key);
  if (html !== undefined) return html as T;
  const made = make();
  kept.set(key, made);
  if (kept.size > MAX_VIEWS) kept.delete(kept.keys().next().value as string);
  return made;
}

function keyOf({ feed, now, ...rest }: View): string {
  const items = feed.items.map((i) => [i.postId, i.read, i.starred, relativeTime(i.published ?? i.firstSeenAt, now), relativeTime(i.firstSeenAt, now)]);
  return JSON.stringify([feed.edition, feed.next ?? null, feed.postsScored, rest, items]);
}
