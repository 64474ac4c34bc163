// How each farm feed behaves, drawn deterministically from its URL so runs are comparable. The mix aims at
// what a reader meets polling small personal sites: mostly well-behaved servers with validators, some
// without, some gzip, and a tail of slow, broken, moved and vanished feeds.
import { uniform } from './random.ts';

export type FeedKind =
  | 'normal' // 200 with validators, 304 when they match
  | 'changing' // a new entry on every request: validators never match
  | 'no-validators' // 200 without ETag/Last-Modified: always a full body
  | 'slow' // normal, after a delay of a few hundred ms
  | 'redirect' // 301 to the feed's new path, which behaves normally
  | 'garbage' // 200 with a body that is not a feed
  | 'not-found' // 404
  | 'server-error' // 500
  | 'gone' // 410
  | 'rate-limited' // 429 with Retry-After
  | 'hang'; // accepts the request and never answers (the client's timeout ends it)

/** Share of feeds of each kind; the rest are 'normal'. */
export const KIND_SHARES: readonly [FeedKind, number][] = [
  ['changing', 0.05],
  ['no-validators', 0.05],
  ['slow', 0.015],
  ['redirect', 0.015],
  ['garbage', 0.006],
  ['not-found', 0.01],
  ['server-error', 0.008],
  ['gone', 0.002],
  ['rate-limited', 0.003],
  ['hang', 0.001],
];

export interface FeedBehaviour {
  kind: FeedKind;
  format: 'rss' | 'atom';
  gzip: boolean;
  /** Which validators a feed with validators sends. */
  validators: 'both' | 'etag' | 'last-modified';
  /** Delay before answering, for 'slow' feeds. */
  delayMs: number;
}

export function behaviourOf(path: string): FeedBehaviour {
  let u = uniform(path, 'kind');
  let kind: FeedKind = 'normal';
  for (const [k, share] of KIND_SHARES) {
    if (u < share) {
      kind = k;
      break;
    }
    u -= share;
  }
  const v = uniform(path, 'validators');
  return {
    kind,
    format: uniform(path, 'format') < 0.35 ? 'atom' : 'rss',
    gzip: uniform(path, 'gzip') < 0.4,
    validators: v < 0.6 ? 'both' : v < 0.85 ? 'etag' : 'last-modified',
    delayMs: kind === 'slow' ? 200 + Math.floor(uniform(path, 'delay') * 400) : 0,
  };
}
