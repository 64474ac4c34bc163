// The Store is the one persistence interface every stage writes through. SQLite (node:sqlite) is the
// embedded default; PostgreSQL comes with scale-out and must pass the same conformance suite
// (src/store/store-conformance.ts). Methods are async so both backends fit the same shape.
import type { Post } from '../clean/post.ts';

export type FeedStatus = 'active' | 'error' | 'disabled';

/** A feed known to the instance, with its fetch health. Feeds are shared; subscriptions are per user. */
export interface Feed {
  id: number;
  url: string;
  title: string;
  siteUrl?: string;
  status: FeedStatus;
  /** HTTP status of the last response, if one arrived. */
  httpStatus?: number;
  lastError?: string;
  lastFetchAt?: Date;
  lastSuccessAt?: Date;
  nextFetchAt: Date;
  consecutiveErrors: number;
  etag?: string;
  lastModified?: string;
  /** Fetch the linked article and extract its full text (for summary-only feeds). */
  fullText: boolean;
  /** Parse problems of the last fetch (feed still read), joined; undefined when clean. */
  parseWarnings?: string;
  createdAt: Date;
}

/** A user's subscription to a feed, with the user's own title and folder. */
export interface Subscription {
  feed: Feed;
  /** OPML folder / category, if any. */
  category?: string;
  title: string;
}

export interface User {
  id: number;
  name: string;
  /** Match only posts of the user's own subscriptions, not the instance's shared pool. */
  ownFeedsOnly: boolean;
  /** False for the passwordless "local" user the CLI uses before any account exists. */
  hasPassword: boolean;
  createdAt: Date;
}

/** A signed-in browser. The store only ever sees a hash of the cookie's secret id. */
export interface Session {
  idHash: string;
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** A named, revocable secret for the APIs; the store keeps only its hash. */
export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  createdAt: Date;
  lastUsedAt?: Date;
}

/** A post as stored: one per canonical URL, with every feed that carried it. */
export interface StoredPost {
  id: number;
  url?: string;
  link?: string;
  title: string;
  authors: string[];
  published?: Date;
  updated?: Date;
  contentHtml: string;
  text: string;
  language?: string;
  categories: string[];
  simhash: string;
  /** Posts that are near-duplicates share a cluster id (the id of the cluster's first post). */
  clusterId: number;
  firstSeenAt: Date;
  sources: { feedId: number; feedTitle: string; entryId: string }[];
  /** How often the post was opened in Sluice. */
  views: number;
  /** Which edit of its content this is (PostRevision.revision). */
  revision: number;
}

/** What ranking needs of a post (its cluster, times and sources), without its content. */
export type PostHead = Pick<StoredPost, 'id' | 'published' | 'clusterId' | 'firstSeenAt' | 'sources'>;

/** One user's state of one post. */
export interface PostState {
  readAt?: Date;
  starredAt?: Date;
}

/** Where a page of posts ends: the last post's sort time (published, else first seen) and id. */
export interface PostCursor {
  time: Date;
  id: number;
}

/** Which edit of its content a post is at (posts() order's time beside it, for paging): a reader
 *  that keeps what it derived from posts (the scoring service's window) reads again only the
 *  posts whose revision moved, not every post's text. */
export interface PostRevision {
  id: number;
  /** 0 when stored; +1 at every refetch that changed the post's text (title or content). */
  revision: number;
  /** Published, else first seen: the time posts() orders and pages by. */
  time: Date;
}

/** A post's content stems (title's, then text's) as one analysis of its text gave them, at one
 *  revision of the post, as ids of the store's stem dictionary (Store.stemIds): the scoring service
 *  reads its window's lexical documents from these instead of analysing the text again after
 *  every start (~0.5 ms a post: ~50 s at 100,000). */
export interface PostStems {
  revision: number;
  /** The first titleLength ids are the title's. */
  titleLength: number;
  ids: Uint32Array;
}

/** A post whose text a refetch changed, and the order of that edit among all posts' edits. */
export interface PostEdit {
  seq: number;
  postId: number;
}

/** The outcome of one fetch of one feed, written in a single transaction. */
export type FetchOutcome =
  | {
      kind: 'fetched';
      at: Date;
      httpStatus: number;
      etag?: string;
      lastModified?: string;
      /** Set when the feed moved permanently: the stored URL changes. */
      newUrl?: string;
      feedTitle?: string;
      siteUrl?: string;
      parseWarnings?: string;
      posts: Post[];
      /** Hash of each entry as fetched (by entry id), so the next fetch can skip the unchanged ones. */
      entryHashes?: ReadonlyMap<string, string>;
      nextFetchAt: Date;
    }
  | { kind: 'not-modified'; at: Date; httpStatus: number; nextFetchAt: Date }
  | {
      kind: 'failed';
      at: Date;
      httpStatus?: number;
      error: string;
      /** True when the feed must stop being fetched (410 Gone). */
      disable: boolean;
      nextFetchAt: Date;
    };

export interface SaveResult {
  newPosts: number;
  /** Known posts that changed: a new text or only a new "updated" date. */
  updatedPosts: number;
  /** Of those, the ones whose title or content changed (a new revision, scored again). */
  editedPosts: number;
}

export interface NewFeed {
  url: string;
  title?: string;
  siteUrl?: string;
  fullText?: boolean;
}

export interface PostQuery {
  feedId?: number;
  /** Posts carried by any of these feeds. */
  feedIds?: readonly number[];
  /** Exactly these posts (in the query's order). */
  ids?: readonly number[];
  limit?: number;
  /** Only posts first seen after this time. */
  since?: Date;
  /** Newest first (default; by published time, else first seen, then id) or oldest first. */
  order?: 'newest' | 'oldest';
  /** The next page: posts after this one in the query's order. */
  after?: PostCursor;
  /** Only posts this user has not marked read. */
  unreadBy?: number;
  /** Only posts this user has starred. */
  starredBy?: number;
  /** Only posts this user has marked read (an index lookup, not a scan of every post). */
  readBy?: number;
}

/** An interest as stored: what the user wrote, plus the match stage's learned state (opaque JSON). */
export interface StoredInterest {
  id: number;
  userId: number;
  name: string;
  description?: string;
  keywords: string[];
  /** Feedback-learned adjustments, owned and interpreted by the match stage. */
  learned?: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewInterest {
  name: string;
  description?: string;
  keywords: string[];
}

export type FeedbackKind = 'like' | 'dislike' | 'offtopic' | 'click';

export interface Feedback {
  id: number;
  userId: number;
  postId: number;
  interestId?: number;
  kind: FeedbackKind;
  createdAt: Date;
}

/** A verdict withdrawn (clearFeedback): it leaves no feedback row, so the scoring service of
 *  another process finds it here. */
export interface FeedbackWithdrawal {
  id: number;
  userId: number;
  postId: number;
  interestId?: number;
  withdrawnAt: Date;
}

/** Who does a job for the whole store (one scoring service per data directory): `holder` is the
 *  holder's own description (opaque JSON), `renewedAt` its last heartbeat. */
export interface Lease {
  name: string;
  token: string;
  holder: unknown;
  acquiredAt: Date;
  renewedAt: Date;
}

/** A post's calibrated score for one interest, kept when it clears the storage floor. */
export interface StoredMatch {
  postId: number;
  interestId: number;
  score: number;
  aboveThreshold: boolean;
  /** The match stage's breakdown (semantic, lexical, terms, feedback), opaque to the store. */
  breakdown: unknown;
  scoredAt: Date;
}

/**
 * Matches as columns, for writes of many at once: the scoring service stores thousands of pairs
 * per post, and an object per pair (a StoredMatch and its breakdown) cost as much as scoring it.
 * Row i is the StoredMatch {postId[i], interestId[i], score[i], aboveThreshold[i] === 1,
 * breakdown: JSON.parse(breakdownJson(i)), scoredAt: new Date(scoredAt(i))}.
 */
export interface MatchRows {
  readonly length: number;
  readonly postId: ArrayLike<number>;
  readonly interestId: ArrayLike<number>;
  readonly score: ArrayLike<number>;
  /** 1 when the pair reached its interest's threshold, else 0. */
  readonly aboveThreshold: ArrayLike<number>;
  /** Row i's breakdown as JSON text (opaque to the store, as StoredMatch.breakdown). */
  breakdownJson(i: number): string;
  /** When row i was scored, ms since the epoch. */
  scoredAt(i: number): number;
}

/** A stored match as the feed reads it. */
export interface FeedMatch extends StoredMatch {
  userId: number;
  /** When the post's age counts from (published, never later than first seen). */
  postTime: Date;
  /** Orders as the freshness-decayed score at the default half-life (rank/freshness.ts), at any `now`. */
  rankKey: number;
}

/** Which of a user's stored matches the feed wants; best ranked (highest rankKey) first. */
export interface FeedMatchQuery {
  /** Only posts whose post time is at or after this. */
  since?: Date;
  /** Only these interests (of the user). */
  interestIds?: readonly number[];
  aboveThresholdOnly?: boolean;
  /** Only posts carried by one of the user's subscriptions. */
  ownFeedsOnly?: boolean;
  /** Only posts of these near-duplicate clusters. */
  clusterIds?: readonly number[];
  /** Only these posts. */
  postIds?: readonly number[];
  /** The next page: rank keys below this one. */
  belowRankKey?: number;
  limit?: number;
}

export interface Store {
  /** Where the data lives, for messages (a file path or a redacted URL). */
  readonly location: string;

  defaultUser(): Promise<User>;
  userByName(name: string): Promise<User | undefined>;
  updateUserSettings(userId: number, settings: { ownFeedsOnly?: boolean }): Promise<User | undefined>;
  userById(id: number): Promise<User | undefined>;
  /** Every user, oldest first. */
  users(): Promise<User[]>;
  /**
   * Adds an account with a password hash (self-describing, e.g. `scrypt$N$r$p$salt$hash`). The first
   * account, made while only the passwordless local user exists, takes that user over (its name and
   * password change; its subscriptions, interests and feedback stay). Throws DuplicateError on a taken name.
   */
  createUser(name: string, passwordHash: string): Promise<User>;
  /** The stored password hash, undefined for a passwordless user. */
  passwordHash(userId: number): Promise<string | undefined>;
  setPasswordHash(userId: number, passwordHash: string): Promise<void>;
  /** Deletes the user and everything that is theirs (subscriptions, interests, feedback, sessions, tokens). */
  removeUser(userId: number): Promise<boolean>;

  /** Stores a new session (and may forget sessions expired by its creation time). */
  createSession(session: Session): Promise<void>;
  /** The session with this id hash, if it has not expired at `now`. */
  sessionByHash(idHash: string, now: Date): Promise<Session | undefined>;
  touchSession(idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  revokeSession(idHash: string): Promise<void>;
  /** Signs a user out everywhere (password change, account removal). */
  revokeUserSessions(userId: number): Promise<void>;

  /** Throws DuplicateError when the user already has a token of that name (any case). */
  createApiToken(userId: number, name: string, tokenHash: string): Promise<ApiToken>;
  apiTokens(userId: number): Promise<ApiToken[]>;
  revokeApiToken(userId: number, name: string): Promise<boolean>;
  /** The token with this hash, its last use set to `at` — unless the recorded one is less than a
   *  minute before `at` (a busy client writes once a minute, not at every call). */
  useApiToken(tokenHash: string, at: Date): Promise<ApiToken | undefined>;

  /** The secret of the user's output-feed URLs, if they have one. */
  outputFeedToken(userId: number): Promise<string | undefined>;
  /** Sets (a new token replaces the old one) or, with undefined, revokes the user's output-feed token. */
  setOutputFeedToken(userId: number, token: string | undefined): Promise<void>;
  /** Whose output feeds this token opens. */
  userForOutputFeedToken(token: string): Promise<User | undefined>;

  /** Adds the feed if the instance doesn't know its URL yet, and subscribes the user to it. */
  subscribe(userId: number, feed: NewFeed, category?: string): Promise<{ feed: Feed; created: boolean }>;
  unsubscribe(userId: number, feedId: number): Promise<boolean>;
  subscriptions(userId: number): Promise<Subscription[]>;
  feedById(id: number): Promise<Feed | undefined>;
  feedByUrl(url: string): Promise<Feed | undefined>;
  /** Feeds due for a fetch at `now` (every feed not disabled when `all`), oldest-due first. */
  dueFeeds(now: Date, opts?: { all?: boolean; limit?: number }): Promise<Feed[]>;
  /** Publication times of a feed's recent posts, newest first (for the adaptive schedule). */
  recentPostTimes(feedId: number, limit: number): Promise<Date[]>;
  /** The hashes saved with a feed's entries by earlier fetches, by entry id. */
  entryHashes(feedId: number): Promise<Map<string, string>>;
  /** Records one fetch: health, validators, new and updated posts — all or nothing. */
  saveFetch(feedId: number, outcome: FetchOutcome): Promise<SaveResult>;

  posts(query?: PostQuery): Promise<StoredPost[]>;
  /** The revisions of the posts posts(query) returns, in the same order, without their content. */
  postRevisions(query?: PostQuery): Promise<PostRevision[]>;
  /** Posts whose text was edited (revision moved) after edit `seq`, in the order of their last
   *  edit: a post edited twice since is listed once, at its last. */
  postEditsAfter(seq: number, opts: { limit: number }): Promise<PostEdit[]>;
  /** The order of the last edit of any post (0: none). */
  lastPostEdit(): Promise<number>;
  postById(id: number): Promise<StoredPost | undefined>;
  /** The heads of these posts (those that exist), by id: the ranked feed ranks hundreds of posts
   *  and shows a page of them, so it reads whole posts only for the page. */
  postHeads(ids: readonly number[]): Promise<Map<number, PostHead>>;
  /** Counts one more view of a post; returns the new count (0 when there is no such post). */
  countView(postId: number): Promise<number>;

  // Per-user post state (read, starred).
  setRead(userId: number, postIds: readonly number[], read: boolean): Promise<void>;
  setStarred(userId: number, postIds: readonly number[], starred: boolean): Promise<void>;
  /** The state of each of these posts that has one (absent: unread, not starred). */
  postStates(userId: number, postIds: readonly number[]): Promise<Map<number, PostState>>;
  /** Marks read every post first seen at or before `before` in these feeds (default: the user's
   *  subscriptions); returns how many posts became read. */
  markAllRead(userId: number, opts: { before: Date; feedIds?: readonly number[] }): Promise<number>;
  /** Unread posts per subscribed feed, among posts first seen since `since`, with the newest one's time. */
  unreadCounts(userId: number, since: Date): Promise<{ feedId: number; count: number; newest: Date }[]>;

  /** Adds an interest; throws DuplicateError when the user already has one of that name (any case). */
  addInterest(userId: number, interest: NewInterest): Promise<StoredInterest>;
  updateInterest(userId: number, id: number, change: Partial<NewInterest> & { learned?: unknown }): Promise<StoredInterest | undefined>;
  removeInterest(userId: number, id: number): Promise<boolean>;
  interests(userId: number): Promise<StoredInterest[]>;
  interestByName(userId: number, name: string): Promise<StoredInterest | undefined>;
  /** Any user's interest by id (the scoring service is told ids). */
  interestById(id: number): Promise<StoredInterest | undefined>;
  /** Every interest of every user (to build the standing-query index at start). */
  allInterests(): Promise<StoredInterest[]>;

  /** Stored vectors of these posts under one embedder (vectors of different embedders never mix). */
  postVectors(embedderId: string, postIds: readonly number[]): Promise<Map<number, Float32Array>>;
  savePostVectors(embedderId: string, vectors: ReadonlyMap<number, Float32Array>): Promise<void>;
  /** Ids of these stems in the store's stem dictionary, the new ones added (ids start at 1). */
  stemIds(stems: readonly string[]): Promise<Map<string, number>>;
  /** The stems of these dictionary ids (an id never stored is left out). */
  stemsOf(ids: readonly number[]): Promise<Map<number, string>>;
  /** Stored stems of these posts under one analysis (named by its version), only where they are
   *  of the post's current revision. */
  postStems(analysis: string, postIds: readonly number[]): Promise<Map<number, PostStems>>;
  /** Keeps each post's stems (one analysis per post: another replaces it); stems of a revision
   *  the post is no longer at, or of a post gone, are skipped. */
  savePostStems(analysis: string, stems: ReadonlyMap<number, PostStems>): Promise<void>;
  /** Drops the vectors (of every embedder) and stems of posts first seen before `before`: what
   *  only scoring reads, for posts it no longer reads (out of its window). At most `limit` rows of
   *  each, oldest posts first; returns how many went. */
  dropPostDerivedBefore(before: Date, opts: { limit: number }): Promise<{ vectors: number; stems: number }>;

  /** Inserts or replaces matches (one per post and interest); one whose post or interest is gone is skipped. */
  saveMatches(matches: readonly StoredMatch[]): Promise<void>;
  /** saveMatches for many at once, as columns (all or nothing). */
  saveMatchRows(rows: MatchRows): Promise<void>;
  /** Forgets an interest's matches (before it is scored again from scratch). */
  clearMatches(interestId: number): Promise<void>;
  /** Forgets these posts' matches with every interest (before edited posts are scored again). */
  clearPostMatches(postIds: readonly number[]): Promise<void>;
  /** Matches of these interests for posts first seen since `since`, best first; `minScore`: only
   *  those scoring at least that. */
  matchesFor(interestIds: readonly number[], opts?: { since?: Date; limit?: number; aboveThresholdOnly?: boolean; minScore?: number }): Promise<StoredMatch[]>;
  /** One user's matches for the ranked feed, highest rank key first (an index range, not a sort). */
  feedMatches(userId: number, query?: FeedMatchQuery): Promise<FeedMatch[]>;
  /** Ids of posts after `afterId` (the scoring service's high-water mark), oldest first. */
  postIdsAfter(afterId: number, opts?: { since?: Date; limit?: number }): Promise<number[]>;
  /** How many posts were first seen at or after `since` (the pool's volume, for the matcher). */
  postsSince(since: Date): Promise<number>;

  // The standing-query matcher's saved state, per embedder (opaque JSON owned by the match stage).
  matcherStream(embedderId: string): Promise<unknown | undefined>;
  saveMatcherStream(embedderId: string, state: unknown): Promise<void>;
  /** Saved calibrations of these interests (default: all) under one embedder. */
  interestCalibrations(embedderId: string, interestIds?: readonly number[]): Promise<Map<number, unknown>>;
  /** Saves calibrations (interests since removed are skipped). */
  saveInterestCalibrations(embedderId: string, calibrations: ReadonlyMap<number, unknown>): Promise<void>;

  /** Records feedback; a verdict (like, dislike, off-topic) replaces the user's earlier verdict on the
   *  same post and interest (the store keeps the latest), clicks accumulate. */
  addFeedback(userId: number, postId: number, kind: FeedbackKind, interestId?: number): Promise<Feedback>;
  feedback(userId: number, opts?: { interestId?: number }): Promise<Feedback[]>;
  /** The user's feedback on one post (every interest), oldest first. */
  feedbackOn(userId: number, postId: number): Promise<Feedback[]>;
  /** Withdraws the user's verdict on a post for one interest (undefined: the verdict about no interest);
   *  clicks stay. Returns how many verdicts were removed. */
  clearFeedback(userId: number, postId: number, interestId?: number): Promise<number>;

  /** Changes whenever something one user's ranked feed pages are made of changes, written through
   *  this store or by another process: their settings, interests, subscriptions, read and starred
   *  state, verdicts (not clicks), the matches of their interests, the content and sources of posts
   *  they matched, feed titles. Equal values mean none of that changed in between, whatever else
   *  was written (other users, unmatched posts, the scoring service's state), so a page read then
   *  may be served again (jobs/feed-cache.ts). */
  feedVersion(userId: number): Promise<string>;

  // What other processes changed (the server polls these while CLI commands write the same store).
  /** A value that changes whenever another process commits to the store (and may change when it
   *  wrote something else); undefined when the store cannot tell, so the caller polls the data. */
  externalChangeMark(): Promise<number | undefined>;
  /** Interests of any user added or edited at or after `since`, oldest edit first. */
  interestsUpdatedSince(since: Date): Promise<StoredInterest[]>;
  /** The id of every interest, ascending. */
  interestIds(): Promise<number[]>;
  /** How many interests there are (of every user). */
  interestCount(): Promise<number>;
  /** Feedback of every user with an id above `afterId`, oldest first. */
  feedbackAfter(afterId: number, opts?: { limit?: number }): Promise<Feedback[]>;

  /** Verdicts withdrawn with an id above `afterId` (kept 90 days), oldest first. */
  feedbackWithdrawnAfter(afterId: number, opts?: { limit?: number }): Promise<FeedbackWithdrawal[]>;

  /** Takes the lease `name` for `claim.token` when nobody holds it, its holder last renewed before
   *  `staleBefore`, its token is `replacing` (a holder known to be gone), or it is the claimant's
   *  already (then renewed: holder and time written again). Returns whoever holds it after. Not a
   *  change of anyone's feed version (a heartbeat every few seconds). */
  claimLease(name: string, claim: { token: string; holder: unknown; at: Date; staleBefore: Date; replacing?: string }): Promise<Lease>;
  lease(name: string): Promise<Lease | undefined>;
  /** Gives the lease up if `token` holds it; whether it did. */
  releaseLease(name: string, token: string): Promise<boolean>;

  /** Bytes an embedder keeps between runs (the built-in one's word contexts for OOV vectors), by name. */
  embedderData(name: string): Promise<Uint8Array | undefined>;
  saveEmbedderData(name: string, bytes: Uint8Array): Promise<void>;

  /** Makes every write so far durable (a store may group writes for speed). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
