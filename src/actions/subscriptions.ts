// Subscribing (by a feed's or a site's URL, with discovery), OPML import and export, unsubscribing —
// the same for the CLI, the web pages, the REST API and the Google Reader API.
import { fetchFeed, FetchError } from '../fetch/index.ts';
import { refreshFeeds, type FeedRefreshResult } from '../jobs/refresh.ts';
import { parseFeed } from '../parse/index.ts';
import type { Feed, Subscription, User } from '../store/store.ts';
import { discoverFeed, NoFeedFoundError } from '../subscribe/discover.ts';
import { formatOpml, OpmlError, parseOpml, type OpmlFeed } from '../subscribe/opml.ts';
import type { ActionContext } from './context.ts';
import { ActionError } from './errors.ts';

/** How long subscribing waits for the first fetch's posts to be scored before it answers. */
const SCORING_WAIT_MS = 2000;

export interface SubscribeOptions {
  category?: string;
  /** Fetch each linked article and extract its full text (for summary-only feeds). */
  fullText?: boolean;
}

export interface Subscribed {
  feed: Feed;
  /** False when the user already followed this feed (nothing changed). */
  created: boolean;
  /** The first fetch, made at once so the new posts are there to read. */
  firstFetch: FeedRefreshResult | undefined;
}

/** "example.com" → "https://example.com"; other schemes than http(s) are refused. */
export function subscriptionUrl(input: string): string {
  const text = input.trim();
  const url = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ActionError('invalid', `"${text}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ActionError('invalid', `only http and https feeds can be followed, not ${parsed.protocol}`);
  return parsed.href;
}

export async function subscribe(ctx: ActionContext, user: User, input: string, opts: SubscribeOptions = {}): Promise<Subscribed> {
  const url = subscriptionUrl(input);
  const { config } = ctx;
  let found;
  try {
    found = await discoverFeed(url, {
      load: async (u) => {
        const res = await fetchFeed(u, {
          allowPrivateNetworks: config.allowPrivateNetworks,
          maxBodyBytes: config.maxBodyBytes,
          timeoutMs: config.fetchTimeoutMs,
        });
        if (res.status !== 'ok') throw new Error(`GET ${u}: unexpected ${res.httpStatus}`);
        return res;
      },
      parse: parseFeed,
    });
  } catch (err) {
    // Whatever went wrong is about the URL the user gave (refused, unreachable, not a feed).
    if (err instanceof NoFeedFoundError || err instanceof FetchError || err instanceof Error) throw new ActionError('unreachable', err.message, { cause: err });
    throw err;
  }
  const { feed, created } = await ctx.store.subscribe(
    user.id,
    { url: found.url, title: found.feed.title, siteUrl: found.feed.siteUrl, fullText: opts.fullText },
    opts.category,
  );
  const summary = await refreshFeeds(ctx.store, config, { feedIds: [feed.id] });
  const firstFetch = summary.results[0];
  if (firstFetch?.error) ctx.warn?.(`the first fetch of ${found.url} failed: ${firstFetch.error}`);
  // Scored now (the post ids only grow: the service scores everything after its high-water mark),
  // so the new posts are in the ranked feed at once — as a running service does in milliseconds.
  // Right after a start it may still be replaying the window (minutes): the answer then goes after
  // SCORING_WAIT_MS and the scoring goes on in the background (a failure is said through warn). The
  // subscription stands even if scoring fails. (A command has no service: `sluice feed` scores.)
  if (summary.newPosts && ctx.scoring) {
    const scored = ctx.scoring.postsAdded([]).catch((err: Error) => ctx.warn?.(`the new posts of ${found.url} are not scored yet: ${err.message}`));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([scored, new Promise((resolve) => (timer = setTimeout(resolve, SCORING_WAIT_MS)))]);
    clearTimeout(timer);
  }
  return { feed: (await ctx.store.feedById(feed.id)) ?? feed, created, firstFetch };
}

export interface OpmlImport {
  feeds: OpmlFeed[];
  /** Feeds new to this user. */
  added: number;
}

/** Subscribes to every feed of an OPML file (fetched later by the scheduler); nothing is added when
 *  the file is malformed. `onProgress` sees each feed as it is subscribed. */
export async function importOpml(ctx: ActionContext, user: User, xml: string, onProgress?: (done: number, total: number) => void): Promise<OpmlImport> {
  let feeds: OpmlFeed[];
  try {
    feeds = parseOpml(xml);
  } catch (err) {
    if (err instanceof OpmlError) throw new ActionError('invalid', err.message, { cause: err });
    throw err;
  }
  const before = new Set((await ctx.store.subscriptions(user.id)).map((s) => s.feed.url));
  let added = 0;
  // parseOpml keeps only http(s) feed URLs.
  for (const [i, f] of feeds.entries()) {
    const { feed } = await ctx.store.subscribe(user.id, { url: f.url, title: f.title, siteUrl: f.siteUrl }, f.category);
    if (!before.has(feed.url)) added++;
    onProgress?.(i + 1, feeds.length);
  }
  if (added) ctx.refreshSoon?.();
  return { feeds, added };
}

export async function exportOpml(ctx: ActionContext, user: User): Promise<string> {
  const subs = await ctx.store.subscriptions(user.id);
  return formatOpml(
    `Sluice subscriptions of ${user.name}`,
    subs.map((s) => ({ url: s.feed.url, title: s.title, siteUrl: s.feed.siteUrl, category: s.category })),
  );
}

/** One subscription with its fetch health as JSON (`sluice feeds list --json`, `GET /api/v1/feeds`). */
export function subscriptionJson(s: Subscription) {
  const f = s.feed;
  return {
    id: f.id,
    url: f.url,
    title: s.title,
    siteUrl: f.siteUrl ?? null,
    category: s.category ?? null,
    status: f.status,
    httpStatus: f.httpStatus ?? null,
    lastError: f.lastError ?? null,
    lastFetchAt: f.lastFetchAt?.toISOString() ?? null,
    lastSuccessAt: f.lastSuccessAt?.toISOString() ?? null,
    nextFetchAt: f.status === 'disabled' ? null : f.nextFetchAt.toISOString(),
    consecutiveErrors: f.consecutiveErrors,
    fullText: f.fullText,
    parseWarnings: f.parseWarnings ?? null,
  };
}

/** The user's subscription to a feed, or a not_found refusal. */
export async function ownSubscription(ctx: ActionContext, user: User, feedId: number): Promise<Subscription> {
  const sub = (await ctx.store.subscriptions(user.id)).find((s) => s.feed.id === feedId);
  if (!sub) throw new ActionError('not_found', `you have no subscription with feed ID ${feedId}`);
  return sub;
}

export async function unsubscribe(ctx: ActionContext, user: User, feedId: number): Promise<Subscription> {
  const sub = await ownSubscription(ctx, user, feedId);
  await ctx.store.unsubscribe(user.id, feedId);
  return sub;
}
