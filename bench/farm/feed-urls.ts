// Which feeds the farm serves, and where: each real feed URL maps onto a path of the loopback farm.
import { existsSync, readFileSync } from 'node:fs';

/** 36,515 personal-blog feed URLs (kagi smallweb); data from /work/shared, never copied into the repo. */
export const SMALLWEB_LIST = new URL('../../../shared/corpora/kagi-smallweb/smallweb.txt', import.meta.url);

/**
 * The farm path of a real feed URL: `https://blog.example/feed.xml?x=1` → `/https/blog.example/feed.xml?x=1`.
 * The scheme stays in the path because 17 feeds of the list differ only by it. This is the one mapping.
 */
export function farmPath(feedUrl: string): string {
  const u = new URL(feedUrl);
  return `/${u.protocol.slice(0, -1)}/${u.host}${u.pathname}${u.search}`;
}

/**
 * The politeness key of a farm URL: the original feed's host (every farm URL shares 127.0.0.1, so a
 * per-host limit on the real host would serialize the whole benchmark).
 */
export function farmHostOf(farmUrl: string): string {
  const path = farmUrl.slice(farmUrl.indexOf('/', farmUrl.indexOf('//') + 2));
  return path.split('/', 3)[2] ?? path;
}

export type FeedSource = 'smallweb' | 'synthetic';

/** The smallweb list when the corpus is present, else `limit` (default 1,000) synthetic blog URLs (so tests never need it). */
export function loadFeedUrls(limit?: number): { source: FeedSource; urls: string[] } {
  if (existsSync(SMALLWEB_LIST)) {
    const lines = readFileSync(SMALLWEB_LIST, 'utf8').split('\n').map((l) => l.trim()).filter((l) => /^https?:\/\//.test(l));
    // Two entries repeat another with an explicit :443; the farm serves each distinct URL once.
    const distinct = [...new Set(lines.map((l) => new URL(l).href))];
    return { source: 'smallweb', urls: limit === undefined ? distinct : distinct.slice(0, limit) };
  }
  const n = limit ?? 1000;
  return { source: 'synthetic', urls: Array.from({ length: n }, (_, i) => `https://blog${i}.example/feed.xml`) };
}
