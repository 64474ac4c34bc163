// The ranked feed's pages, kept while nothing they are made of changes. A page costs a dozen
// queries and the rank stage (~12 ms at 600 interests); a reader asks for the same first page again
// and again, and between two asks the instance writes a lot (refreshes, the scoring service, other
// readers) but rarely anything of theirs. So a page is kept under its user's feed version
// (store.feedVersion: moved by every write to what that user's pages show, by this process or
// another) and served again while the version is the same and the page is still what ranking at
// the new `now` would give:
//  - `now` moves every ranking key by the same factor (rank/freshness.ts), so the order holds and
//    only each item's rankScore is computed again;
//  - until a candidate leaves the window (its post time + window) or a candidate first seen after
//    the page's `now` becomes visible: `validUntil` is the earlier of the two.
// Pages computed at the same moment for the same key share one computation.
import { rankScore, DEFAULT_HALF_LIFE_HOURS } from '../rank/freshness.ts';
import type { Store } from '../store/store.ts';
import type { UserFeed } from './user-feed.ts';

export interface CachedPage {
  feed: UserFeed;
  /** The `now` it was ranked at, ms. */
  rankedAt: number;
  /** The last `now` (ms, inclusive) at which ranking again would give the same items. */
  validUntil: number;
}

interface Entry {
  scope: string;
  version: string;
  page: Promise<CachedPage>;
}

/** Pages kept per store: the pages a few hundred readers are on (each holds its 30–50 posts). */
const MAX_ENTRIES = 200;

export class FeedCache {
  private readonly entries = new Map<string, Entry>();
  /** The latest version seen per scope (a user). */
  private readonly versions = new Map<string, string>();

  /**
   * The page under `key` at `now`: the kept one while its scope's (its user's) version is
   * `version` and `now` is within its validity, else `compute()`'s, kept for the next ask.
   */
  async page(scope: string, key: string, version: string, now: number, halfLifeHours: number | undefined, compute: () => Promise<CachedPage>): Promise<UserFeed> {
    // A version, once moved from, does not come back: the scope's pages kept under another are dropped.
    if (version !== this.versions.get(scope)) {
      for (const [k, e] of this.entries) if (e.scope === scope && e.version !== version) this.entries.delete(k);
      this.versions.delete(scope); // re-inserted last: bounded as the entries are
      this.versions.set(scope, version);
      if (this.versions.size > MAX_ENTRIES) this.versions.delete(this.versions.keys().next().value as string);
    }
    const entry = this.entries.get(key);
    if (entry?.scope === scope && entry.version === version) {
      const kept = await entry.page;
      if (now >= kept.rankedAt && now <= kept.validUntil) return rescored(kept.feed, now, halfLifeHours);
    }
    const page = compute();
    this.entries.delete(key); // re-inserted last: the oldest entry is the first to go
    this.entries.set(key, { scope, version, page });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    try {
      return copied((await page).feed);
    } catch (err) {
      if (this.entries.get(key)?.page === page) this.entries.delete(key);
      throw err;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

// Callers get their own feed and items (they may change them); posts and interests are shared.
function copied(feed: UserFeed): UserFeed {
  return { ...feed, items: feed.items.map((item) => ({ ...item })) };
}

/** The same page at a later `now`: each item's rankScore as ranking computes it then. */
function rescored(feed: UserFeed, now: number, halfLifeHours = DEFAULT_HALF_LIFE_HOURS): UserFeed {
  const at = new Date(now);
  return { ...feed, items: feed.items.map((item) => ({ ...item, rankScore: rankScore(item.score, item.published, item.firstSeenAt, at, halfLifeHours) })) };
}

const caches = new WeakMap<Store, FeedCache>();

/** The one cache of a store (pages of different stores never mix). */
export function feedCacheOf(store: Store): FeedCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new FeedCache()));
  return cache;
}
