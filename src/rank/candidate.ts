// What the rank stage ranks: one row per (post, interest) the match stage scored, with the
// post's facts (cluster, sources, dates) and the user's state (read, feedback). Plain data, so
// the CLI, the web pages and the APIs can build it from the store and call rankFeed() directly.
import type { StoredPost } from '../store/store.ts';

/** A feed that carried a post (the store's shape, so `StoredPost.sources` fits as it is). */
export interface PostSource {
  feedId: number;
  feedTitle: string;
}

/** The user's verdict on a post for one interest. `click` (the store's fourth kind) says
 *  nothing about ranking and is not passed here. */
export type RankFeedback = 'like' | 'dislike' | 'offtopic';

export interface Candidate {
  postId: number;
  /** Near-duplicates share it (the store's cluster id): the feed shows one item per cluster. */
  clusterId: number;
  /** Feeds that carried the post. The first is the one the item is shown under and the one
   *  diversity counts, so put the user's own subscription first. */
  sources: readonly PostSource[];
  published?: Date;
  firstSeenAt: Date;
  interest: string;
  /** Calibrated score from the match stage: standard deviations above the interest's typical
   *  off-topic post (comparable across interests). */
  score: number;
  /** The interest's threshold on `score`: below it the post is off-topic. */
  threshold: number;
  /** The match stage's breakdown, passed through untouched (shown on hover). */
  breakdown: unknown;
  /** Matched terms (stems or phrases of stems), strongest first: for highlighting. */
  terms: readonly string[];
  read: boolean;
  feedback?: RankFeedback;
}

/** One interest's score of a post, as the match stage reports it. */
export interface InterestMatch {
  interest: string;
  score: number;
  threshold: number;
  breakdown: unknown;
  terms: readonly string[];
  feedback?: RankFeedback;
}

/** The candidates of one stored post: one per interest it was scored against. */
export function candidatesOf(post: StoredPost, matches: readonly InterestMatch[], read: boolean): Candidate[] {
  return matches.map((m) => ({
    postId: post.id,
    clusterId: post.clusterId,
    sources: post.sources.map((s) => ({ feedId: s.feedId, feedTitle: s.feedTitle })),
    ...(post.published ? { published: post.published } : {}),
    firstSeenAt: post.firstSeenAt,
    interest: m.interest,
    score: m.score,
    threshold: m.threshold,
    breakdown: m.breakdown,
    terms: m.terms,
    read,
    ...(m.feedback ? { feedback: m.feedback } : {}),
  }));
}
