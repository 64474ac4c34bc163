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
  updatedPosts: number;
}

export interface NewFeed {
  url: string;
  title?: string;
  siteUrl?: string;
  fullText?: boolean;
}

export interface PostQuery {
  feedId?: number;
  limit?: number;
  /** Only posts first seen after this time. */
  since?: Date;
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
  /** The token with this hash, its last use set to `at`. */
  useApiToken(tokenHash: string, at: Date): Promise<ApiToken | undefined>;

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
  postById(id: number): Promise<StoredPost | undefined>;

  /** Adds an interest; throws DuplicateError when the user already has one of that name (any case). */
  addInterest(userId: number, interest: NewInterest): Promise<StoredInterest>;
  updateInterest(userId: number, id: number, change: Partial<NewInterest> & { learned?: unknown }): Promise<StoredInterest | undefined>;
  removeInterest(userId: number, id: number): Promise<boolean>;
  interests(userId: number): Promise<StoredInterest[]>;
  interestByName(userId: number, name: string): Promise<StoredInterest | undefined>;
  /** Every interest of every user (to build the standing-query index at start). */
  allInterests(): Promise<StoredInterest[]>;

  /** Stored vectors of these posts under one embedder (vectors of different embedders never mix). */
  postVectors(embedderId: string, postIds: readonly number[]): Promise<Map<number, Float32Array>>;
  savePostVectors(embedderId: string, vectors: ReadonlyMap<number, Float32Array>): Promise<void>;

  /** Inserts or replaces matches (one per post and interest). */
  saveMatches(matches: readonly StoredMatch[]): Promise<void>;
  /** Forgets an interest's matches (before it is scored again from scratch). */
  clearMatches(interestId: number): Promise<void>;
  /** Matches of these interests for posts first seen since `since`, best first. */
  matchesFor(interestIds: readonly number[], opts?: { since?: Date; limit?: number; aboveThresholdOnly?: boolean }): Promise<StoredMatch[]>;

  addFeedback(userId: number, postId: number, kind: FeedbackKind, interestId?: number): Promise<Feedback>;
  feedback(userId: number, opts?: { interestId?: number }): Promise<Feedback[]>;

  /** Makes every write so far durable (a store may group writes for speed). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
