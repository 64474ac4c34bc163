// A user's ranked feed, read from stored matches: the scoring service (jobs/scoring.ts) scores
// posts as they arrive and interests as they change, so a page costs a few index reads and the
// rank stage (freshness, source diversity, near-duplicate folding, hidden below threshold, read
// state, feedback verdicts) over a few hundred candidates — whatever the number of interests and
// posts.
//
// The store orders matches by a key that orders as the freshness-decayed score at the default
// half-life (store.ts, FeedMatch.rankKey). So the first page reads the best-ranked visible
// matches, then every match of their near-duplicate clusters (other interests, "also in"), and
// ranks those; it reads deeper only when feedback hid too many. Hidden items, or another
// half-life, need the whole window (the CLI's --include-hidden).
//
// Default-ranked pages are kept while nothing they are made of changes (jobs/feed-cache.ts,
// store.feedVersion): asked again, the same page costs a version check. The page reads whole posts only for the items it shows;
// ranking needs only their heads (cluster, times, sources).
import { judgedThreshold } from './match-rows.ts';
import type { Candidate, RankFeedback } from '../rank/candidate.ts';
import { DEFAULT_HALF_LIFE_HOURS, DEFAULT_WINDOW_DAYS } from '../rank/freshness.ts';
import { DEFAULT_LIMIT, rankFeed, type RankedItem, type RankOptions } from '../rank/rank-feed.ts';
import type { FeedMatch, FeedMatchQuery, PostHead, Store, StoredInterest, StoredPost, User } from '../store/store.ts';
import { feedCacheOf, type CachedPage } from './feed-cache.ts';

export interface UserFeedOptions extends Omit<RankOptions, 'now'> {
  now?: Date;
  /** How far back posts are considered (default 30 days). */
  windowDays?: number;
  /** The page after the one whose `next` this is (instead of `offset`): stable while new posts arrive. */
  before?: number;
}

export interface UserFeedItem extends RankedItem {
  post: StoredPost;
}

export interface UserFeed {
  items: UserFeedItem[];
  /** Posts whose stored matches were ranked, and the interests they matched. */
  postsScored: number;
  interests: StoredInterest[];
  /** Pass as `before` for the next page; absent when this page is the last (or --include-hidden). */
  next?: number;
  /** Which computation this page came from: pages of one edition have the same items, posts and
   *  interests (only each item's rankScore moves with `now`), so what is made of them may be kept. */
  edition: number;
}

const DAY_MS = 24 * 3600 * 1000;
let editions = 0;

export async function userFeed(store: Store, user: User, opts: UserFeedOptions = {}): Promise<UserFeed> {
  const now = opts.now ?? new Date();
  if (wholeWindow(opts)) return (await rankedPage(store, user, opts, now)).feed;
  // Pages are kept while nothing of the user's feed changes (jobs/feed-cache.ts), per user and options.
  const { now: _, ...rest } = opts;
  const key = JSON.stringify([user, rest]);
  return feedCacheOf(store).page(String(user.id), key, await store.feedVersion(user.id), now.getTime(), opts.halfLifeHours, () => rankedPage(store, user, opts, now));
}

/** Hidden items, or another half-life, need the whole window: such pages are not kept. */
function wholeWindow(opts: UserFeedOptions): boolean {
  return !!opts.includeHidden || (opts.halfLifeHours !== undefined && opts.halfLifeHours !== DEFAULT_HALF_LIFE_HOURS);
}

/** The page at `now`, and until when (ms) ranking its candidates again would give the same items. */
async function rankedPage(store: Store, user: User, opts: UserFeedOptions, now: Date): Promise<CachedPage> {
  const interests = await store.interests(user.id);
  const horizon = new Horizon(opts.windowDays ?? DEFAULT_WINDOW_DAYS);
  const page = (feed: Omit<UserFeed, 'edition'>): CachedPage => ({ feed: { ...feed, edition: ++editions }, rankedAt: now.getTime(), validUntil: horizon.until(now) });
  if (interests.length === 0) return page({ items: [], postsScored: 0, interests });
  const byId = new Map(interests.map((i) => [i.id, i]));
  const wanted = opts.interest === undefined ? undefined : interests.filter((i) => sameName(i.name, opts.interest as string)).map((i) => i.id);
  const base: FeedMatchQuery = { since: new Date(now.getTime() - horizon.windowMs), ownFeedsOnly: user.ownFeedsOnly };
  const matches = async (query: FeedMatchQuery) => horizon.rows(await store.feedMatches(user.id, { ...base, ...query }));
  const verdicts = await verdictsOf(store, user, interests);
  const own = new Set((await store.subscriptions(user.id)).map((s) => s.feed.id));
  const rank = (rows: readonly FeedMatch[], heads: Map<number, PostHead>, read: Set<number>, paging: Partial<RankOptions>) =>
    rankFeed(candidatesOf(rows, horizon.heads(heads), byId, verdicts, read, own), { ...opts, ...paging, now });

  const offset = opts.offset ?? 0;
  const limit = opts.limit ?? DEFAULT_LIMIT;
  if (wholeWindow(opts)) {
    const rows = await matches({ interestIds: wanted, belowRankKey: opts.before });
    const { heads, read } = await headsOf(store, user, rows, new Map());
    const items = rank(rows, heads, read, {});
    return page({ items: await withPosts(store, items), postsScored: heads.size, interests });
  }

  // Candidates: the best-ranked visible matches, enough for the page and what diversity may pull
  // up, plus the posts the user liked (visible even below the threshold), with every match of
  // their clusters. Read deeper when feedback hid too much of them.
  const liked = [...verdicts.entries()].filter(([, v]) => v === 'like').map(([k]) => Number(k.split(' ')[0]));
  let depth = 2 * (offset + limit) + 20;
  for (;;) {
    const top = await matches({ interestIds: wanted, aboveThresholdOnly: true, belowRankKey: opts.before, limit: depth });
    const seeds = liked.length ? [...top, ...(await matches({ interestIds: wanted, postIds: liked, belowRankKey: opts.before }))] : top;
    const seedHeads = await store.postHeads([...new Set(seeds.map((m) => m.postId))]);
    const clusters = [...new Set([...seedHeads.values()].map((p) => p.clusterId))];
    const rows = afterPage(clusters.length ? await matches({ clusterIds: clusters }) : [], opts.before);
    const { heads, read } = await headsOf(store, user, rows, seedHeads);
    const items = rank(rows, heads, read, { offset: 0, limit: offset + limit });
    const exhausted = top.length < depth;
    if (items.length >= offset + limit || exhausted) {
      const shown = items.slice(offset);
      const keys = new Map(rows.map((m) => [`${m.postId} ${m.interestId}`, m.rankKey]));
      const last = shown.at(-1);
      const next = last && !(exhausted && items.length < offset + limit) ? lowestKey(shown, keys, byId) : undefined;
      return page({ items: await withPosts(store, shown), postsScored: heads.size, interests, ...(next !== undefined ? { next } : {}) });
    }
    depth *= 4;
  }
}

/**
 * What of a page depends on `now`, besides each item's rankScore: the window's start (a row leaves
 * when its post time is older than the window) and which posts are visible yet (ranking leaves out
 * posts first seen after `now`). Fed every row and head the page was ranked from.
 */
class Horizon {
  readonly windowMs: number;
  private oldestPostTime = Infinity;
  private firstSeen: number[] = [];

  constructor(windowDays: number) {
    this.windowMs = windowDays * DAY_MS;
  }

  rows(rows: FeedMatch[]): FeedMatch[] {
    for (const m of rows) this.oldestPostTime = Math.min(this.oldestPostTime, m.postTime.getTime());
    return rows;
  }

  heads(heads: Map<number, PostHead>): Map<number, PostHead> {
    for (const h of heads.values()) this.firstSeen.push(h.firstSeenAt.getTime());
    return heads;
  }

  /** The last `now` at which the same rows would be read and the same posts be visible. */
  until(now: Date): number {
    let until = this.oldestPostTime + this.windowMs;
    for (const t of this.firstSeen) if (t > now.getTime()) until = Math.min(until, t - 1);
    return until;
  }
}

/** The latest verdict per `${postId} ${interestId}`; a verdict for no interest stands for all of them. */
async function verdictsOf(store: Store, user: User, interests: readonly StoredInterest[]): Promise<Map<string, RankFeedback>> {
  const verdicts = new Map<string, RankFeedback>();
  const ids = new Set(interests.map((i) => i.id));
  for (const f of await store.feedback(user.id)) {
    if (f.kind === 'click') continue;
    if (f.interestId === undefined) for (const id of ids) verdicts.set(`${f.postId} ${id}`, f.kind);
    else if (ids.has(f.interestId)) verdicts.set(`${f.postId} ${f.interestId}`, f.kind);
  }
  return verdicts;
}

/** The heads of the rows' posts (ranking needs no content; `known` are read already) and which are read. */
async function headsOf(store: Store, user: User, rows: readonly FeedMatch[], known: Map<number, PostHead>): Promise<{ heads: Map<number, PostHead>; read: Set<number> }> {
  const ids = [...new Set(rows.map((m) => m.postId))];
  if (ids.length === 0) return { heads: new Map(), read: new Set() };
  const [more, states] = await Promise.all([store.postHeads(ids.filter((id) => !known.has(id))), store.postStates(user.id, ids)]);
  const heads = new Map<number, PostHead>();
  for (const id of ids) {
    const head = known.get(id) ?? more.get(id);
    if (head) heads.set(id, head);
  }
  return { heads, read: new Set([...states].filter(([, s]) => s.readAt).map(([id]) => id)) };
}

function candidatesOf(rows: readonly FeedMatch[], posts: Map<number, PostHead>, interests: Map<number, StoredInterest>,
  verdicts: Map<string, RankFeedback>, read: Set<number>, own: Set<number>): Candidate[] {
  const out: Candidate[] = [];
  for (const m of rows) {
    const post = posts.get(m.postId), interest = interests.get(m.interestId);
    if (!post || !interest) continue;
    // The user's own subscription first: the item is shown under it.
    const sources = post.sources.map((s) => ({ feedId: s.feedId, feedTitle: s.feedTitle })).sort((a, b) => Number(own.has(b.feedId)) - Number(own.has(a.feedId)));
    const breakdown = m.breakdown as { terms?: string[] } | null;
    const c: Candidate = {
      postId: post.id,
      clusterId: post.clusterId,
      sources,
      firstSeenAt: post.firstSeenAt,
      interest: interest.name,
      score: m.score,
      threshold: judgedThreshold(m.breakdown, interest.learned),
      breakdown: m.breakdown,
      terms: breakdown?.terms ?? [],
      read: read.has(post.id),
    };
    if (post.published) c.published = post.published;
    const verdict = verdicts.get(`${post.id} ${interest.id}`);
    if (verdict) c.feedback = verdict;
    out.push(c);
  }
  return out;
}

/** Without the posts an earlier page showed: those with a visible match ranked at or above `before`. */
function afterPage(rows: FeedMatch[], before: number | undefined): FeedMatch[] {
  if (before === undefined) return rows;
  const shown = new Set(rows.filter((m) => m.aboveThreshold && m.rankKey >= before).map((m) => m.postId));
  return shown.size ? rows.filter((m) => !shown.has(m.postId)) : rows;
}

/** The rank key to page on from: the lowest of the page's items (diversity may have moved one down). */
function lowestKey(page: readonly RankedItem[], keys: Map<string, number>, interests: Map<number, StoredInterest>): number | undefined {
  const idOf = new Map([...interests.values()].map((i) => [i.name, i.id]));
  let lowest: number | undefined;
  for (const item of page) {
    const key = keys.get(`${item.postId} ${idOf.get(item.interest)}`);
    if (key !== undefined && (lowest === undefined || key < lowest)) lowest = key;
  }
  return lowest;
}

/** The shown items with their whole posts (an item whose post was deleted meanwhile is left out). */
async function withPosts(store: Store, items: readonly RankedItem[]): Promise<UserFeedItem[]> {
  if (items.length === 0) return [];
  const posts = new Map((await store.posts({ ids: items.map((i) => i.postId), limit: items.length })).map((p) => [p.id, p]));
  const out: UserFeedItem[] = [];
  for (const item of items) {
    const post = posts.get(item.postId);
    if (post) out.push({ ...item, post });
  }
  return out;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
