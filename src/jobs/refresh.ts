// The refresh job: for every due feed, fetch → parse → clean → store, many feeds at once under the
// fetch pool's global and per-host limits. A feed that fails never stops the others: its error is
// recorded on the feed (shown by `feeds list`) and it is retried later with backoff.
import { availableParallelism } from 'node:os';
import type { Config } from '../config.ts';
import type { Post } from '../clean/post.ts';
import { withFullText as withArticle } from '../clean/to-post.ts';
import { extractFullText } from '../clean/fulltext.ts';
import { fetchFeed, FetchError, GoneError, HttpStatusError, type FetchOptions } from '../fetch/index.ts';
import { createFetchPool, type FetchPool } from '../fetch/limiter.ts';
import { errorBackoffDelay, nextPollDelay } from '../fetch/schedule.ts';
import type { Feed, FetchOutcome, Store } from '../store/store.ts';
import { ingest, type IngestInput, type IngestResult } from './ingest.ts';
import { createIngestPool } from './ingest-pool.ts';

export type RefreshConfig = Pick<
  Config,
  'allowPrivateNetworks' | 'maxBodyBytes' | 'fetchTimeoutMs' | 'fetchConcurrency' | 'fetchConcurrencyPerHost'
>;

export interface FeedRefreshResult {
  feed: Feed;
  kind: FetchOutcome['kind'];
  newPosts: number;
  updatedPosts: number;
  /** Of the updated posts, those whose text changed (to be scored again). */
  editedPosts: number;
  error?: string;
}

export interface RefreshSummary {
  feeds: number;
  fetched: number;
  notModified: number;
  failed: number;
  newPosts: number;
  updatedPosts: number;
  /** Of the updated posts, those whose text changed (to be scored again). */
  editedPosts: number;
  durationMs: number;
  results: FeedRefreshResult[];
}

export interface RefreshOptions {
  /** Fetch every feed that is not disabled, due or not. */
  all?: boolean;
  /** Only these feeds. */
  feedIds?: number[];
  now?: () => Date;
  /** The fetch pool to run under (default: one made from the config's limits). */
  pool?: FetchPool;
  /** Extra fetch options (a resolver, say) for every request of this refresh. */
  fetchOptions?: Partial<FetchOptions>;
  onProgress?: (done: number, total: number, result: FeedRefreshResult) => void;
}

/** Below this many feeds a refresh parses and cleans on the main thread (a worker costs ~100 ms to start). */
const INGEST_POOL_MIN_FEEDS = 32;

/** Articles fetched for full-text extraction per feed per refresh (each is one more request to the site). */
const FULL_TEXT_PER_REFRESH = 10;

export async function refreshFeeds(store: Store, config: RefreshConfig, opts: RefreshOptions = {}): Promise<RefreshSummary> {
  const now = opts.now ?? (() => new Date());
  const started = Date.now();
  // Named feeds are looked up one by one: `feeds add` refreshes one feed, not every feed's row.
  const feeds = opts.feedIds
    ? (await Promise.all(opts.feedIds.map((id) => store.feedById(id)))).filter((f): f is Feed => f !== undefined && f.status !== 'disabled')
    : await store.dueFeeds(now(), { all: opts.all });
  const pool = opts.pool ?? createFetchPool({ global: config.fetchConcurrency, perHost: config.fetchConcurrencyPerHost });
  const summary: RefreshSummary = {
    feeds: feeds.length,
    fetched: 0,
    notModified: 0,
    failed: 0,
    newPosts: 0,
    updatedPosts: 0,
    editedPosts: 0,
    durationMs: 0,
    results: [],
  };
  // Parse and clean on the other cores when there is enough to do; a few feeds are not worth a thread.
  const ingestPool = createIngestPool(feeds.length >= INGEST_POOL_MIN_FEEDS ? Math.max(0, availableParallelism() - 1) : 0);
  let done = 0;
  await Promise.all(
    feeds.map(async (feed) => {
      const result = await refreshFeed(store, config, feed, {
        now,
        limit: (url, task) => pool.run(url, task),
        fetchOptions: opts.fetchOptions,
        ingest: (input) => ingestPool.run(input),
      });
      summary.results.push(result);
      if (result.kind === 'fetched') summary.fetched++;
      else if (result.kind === 'not-modified') summary.notModified++;
      else summary.failed++;
      summary.newPosts += result.newPosts;
      summary.updatedPosts += result.updatedPosts;
      summary.editedPosts += result.editedPosts;
      opts.onProgress?.(++done, feeds.length, result);
    }),
  );
  await ingestPool.close();
  await store.flush();
  summary.durationMs = Date.now() - started;
  return summary;
}

type Limit = <T>(url: string, task: () => Promise<T>) => Promise<T>;

/** Refreshes one feed and records the outcome. Never throws for a problem of the feed itself. */
export async function refreshFeed(
  store: Store,
  config: RefreshConfig,
  feed: Feed,
  opts: { now?: () => Date; limit?: Limit; fetchOptions?: Partial<FetchOptions>; ingest?: (input: IngestInput) => Promise<IngestResult> } = {},
): Promise<FeedRefreshResult> {
  const now = opts.now ?? (() => new Date());
  const runIngest = opts.ingest ?? (async (input: IngestInput) => ingest(input));
  const limit: Limit = opts.limit ?? ((_url, task) => task());
  const baseOptions: FetchOptions = {
    allowPrivateNetworks: config.allowPrivateNetworks,
    maxBodyBytes: config.maxBodyBytes,
    timeoutMs: config.fetchTimeoutMs,
    ...opts.fetchOptions,
  };
  const fetchOptions: FetchOptions = { ...baseOptions, etag: feed.etag, lastModified: feed.lastModified };
  let outcome: FetchOutcome;
  try {
    const res = await limit(feed.url, () => fetchFeed(feed.url, fetchOptions));
    if (res.status === 'not-modified') {
      const recent = await store.recentPostTimes(feed.id, 20);
      outcome = { kind: 'not-modified', at: now(), httpStatus: res.httpStatus, nextFetchAt: after(now(), nextPollDelay({ recentEntryTimes: recent, now: now() })) };
    } else {
      const known = await store.entryHashes(feed.id);
      const ingested = await runIngest({ body: res.body, url: res.url, contentType: res.contentType, known });
      let posts = ingested.posts;
      if (feed.fullText) posts = await withFullText(posts, baseOptions, limit);
      outcome = {
        kind: 'fetched',
        at: now(),
        httpStatus: res.httpStatus,
        etag: res.etag,
        lastModified: res.lastModified,
        newUrl: res.permanentRedirect,
        feedTitle: ingested.title,
        siteUrl: ingested.siteUrl,
        parseWarnings: ingested.warnings,
        posts,
        entryHashes: ingested.entryHashes,
        nextFetchAt: after(now(), nextPollDelay({ recentEntryTimes: ingested.entryTimes, now: now(), ttlMinutes: ingested.ttlMinutes })),
      };
    }
  } catch (err) {
    const retryAfter = err instanceof HttpStatusError ? err.retryAfter : undefined;
    outcome = {
      kind: 'failed',
      at: now(),
      httpStatus: err instanceof HttpStatusError ? err.status : undefined,
      error: describe(err, feed.url),
      disable: err instanceof GoneError,
      nextFetchAt: after(now(), errorBackoffDelay(feed.consecutiveErrors + 1, retryAfter)),
    };
  }
  const saved = await store.saveFetch(feed.id, outcome);
  return {
    feed,
    kind: outcome.kind,
    newPosts: saved.newPosts,
    updatedPosts: saved.updatedPosts,
    editedPosts: saved.editedPosts,
    error: outcome.kind === 'failed' ? outcome.error : undefined,
  };
}

/** Replaces each post's content with the article's full text where extraction finds an article. */
async function withFullText(posts: Post[], fetchOptions: FetchOptions, limit: Limit): Promise<Post[]> {
  return Promise.all(
    posts.map(async (post, i) => {
      if (i >= FULL_TEXT_PER_REFRESH || !post.link) return post;
      try {
        const page = await limit(post.link, () => fetchFeed(post.link as string, fetchOptions));
        if (page.status !== 'ok') return post;
        const article = extractFullText(new TextDecoder().decode(page.body), page.url);
        return article ? withArticle(post, article) : post;
      } catch {
        return post; // the feed's own summary is still a fine post
      }
    }),
  );
}

/** One line for `feeds list`: fetch errors already name method and URL; others get the feed URL. */
function describe(err: unknown, url: string): string {
  if (err instanceof FetchError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `${url}: ${message}`;
}

function after(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
