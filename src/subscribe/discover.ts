// Adding a subscription by URL: the URL may be the feed itself or a web page that names its feeds.
// Tries, in order: the URL as a feed; the page's <link rel="alternate"> feeds; the usual feed paths.
import type { ParsedFeed } from '../parse/entry.ts';
import { COMMON_FEED_PATHS, findFeedLinks } from './feed-links.ts';

/** What discovery needs from the fetch and parse stages (injected, so each is tested on its own). */
export interface DiscoveryDeps {
  load(url: string): Promise<{ url: string; body: Uint8Array; contentType?: string }>;
  /** Returns the parsed feed, or throws when the bytes are not a feed. */
  parse(body: Uint8Array, opts: { url: string; contentType?: string }): ParsedFeed;
}

export interface DiscoveredFeed {
  /** The feed's URL after redirects. */
  url: string;
  feed: ParsedFeed;
}

export class NoFeedFoundError extends Error {
  readonly url: string;
  readonly tried: string[];
  constructor(url: string, tried: string[], cause?: unknown) {
    super(`no feed found at ${url} (tried ${tried.length} URL${tried.length === 1 ? '' : 's'}: ${tried.join(', ')})`, { cause });
    this.name = 'NoFeedFoundError';
    this.url = url;
    this.tried = tried;
  }
}

export async function discoverFeed(url: string, deps: DiscoveryDeps): Promise<DiscoveredFeed> {
  const page = await deps.load(url); // a fetch error on the URL the user typed is reported as it is
  const asFeed = tryParse(page, deps);
  if (asFeed) return { url: page.url, feed: asFeed };

  const tried = [page.url];
  const html = new TextDecoder().decode(page.body.subarray(0, 2 * 1024 * 1024));
  const linked = findFeedLinks(html, page.url).map((l) => l.url);
  const root = new URL(page.url);
  const guessed = COMMON_FEED_PATHS.map((p) => new URL(p, root.origin).href);
  let lastError: unknown;
  for (const candidate of [...linked, ...guessed]) {
    if (tried.includes(candidate)) continue;
    tried.push(candidate);
    try {
      const res = await deps.load(candidate);
      const feed = tryParse(res, deps);
      if (feed) return { url: res.url, feed };
    } catch (err) {
      lastError = err;
    }
  }
  throw new NoFeedFoundError(url, tried, lastError);
}

function tryParse(res: { url: string; body: Uint8Array; contentType?: string }, deps: DiscoveryDeps): ParsedFeed | undefined {
  try {
    return deps.parse(res.body, { url: res.url, contentType: res.contentType });
  } catch {
    return undefined;
  }
}
