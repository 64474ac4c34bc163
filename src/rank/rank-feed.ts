// The user's feed: scored candidates (one per post per interest) → ranked items.
//
//  1. Each post is judged per interest: hidden when its score is below the interest's
//     threshold (unless the user liked it there), when the user called its story off-topic
//     for that interest, or disliked the story at all. Feedback holds for the whole
//     near-duplicate cluster: the same story from another feed must not come back.
//  2. Each post is kept once, under its best visible interest (scores are calibrated, so they
//     compare across interests), the others listed; with `interest` set, under that one.
//  3. rankScore = the calibrated score decayed by freshness (see freshness.ts).
//  4. Near-duplicates fold into their best-ranked post, "also in" the other feeds.
//  5. Visible items by rankScore, then hidden ones (only with includeHidden), each part
//     diversified so no source supplies more than `maxRun` items in a row.
//  6. The page: [offset, offset + limit) of that one ordering, so page 2 continues page 1.
//
// Posts first seen after `now` are left out: a client that passes the first page's `now` with
// every later page sees the same ordering even while new posts arrive (the order of the others
// does not depend on `now` either). Pure: no clock, no store.

import type { Candidate, PostSource, RankFeedback } from './candidate.ts';
import { DEFAULT_MAX_RUN, diversify } from './diversity.ts';
import { alsoIn, foldClusters, type AlsoIn, type Foldable } from './fold.ts';
import { DEFAULT_HALF_LIFE_HOURS, postTime, rankScore } from './freshness.ts';

export const DEFAULT_LIMIT = 50;

export interface RankOptions {
  now: Date;
  /** Freshness half-life; Infinity ranks by score alone. */
  halfLifeHours?: number;
  /** Also return hidden items (after every visible one, flagged `hidden`). */
  includeHidden?: boolean;
  /** Only this interest's posts (names compare case-insensitively, as the store's do). */
  interest?: string;
  limit?: number;
  offset?: number;
  /** Longest run of items from one source while others have items. */
  maxRun?: number;
}

export type HiddenReason = 'below-threshold' | 'offtopic' | 'disliked';

export interface RankedItem {
  postId: number;
  clusterId: number;
  interest: string;
  /** The post's other interests where it is visible, best first. */
  otherInterests: string[];
  /** Calibrated score for `interest` (standard deviations above its typical off-topic post). */
  score: number;
  threshold: number;
  /** The ranking key: `score` decayed by freshness. */
  rankScore: number;
  hidden: boolean;
  hiddenReason?: HiddenReason;
  /** The feed the item is shown under (the post's first source). */
  source?: PostSource;
  alsoIn: AlsoIn[];
  /** Read, as this post or as any near-duplicate of it. */
  read: boolean;
  feedback?: RankFeedback;
  published?: Date;
  firstSeenAt: Date;
  breakdown: unknown;
  terms: readonly string[];
}

/** A paging or ranking option that makes no sense. */
export class RankOptionError extends RangeError {
  readonly option: string;
  readonly value: unknown;
  constructor(option: string, value: unknown, expected: string) {
    super(`rank: option ${option} must be ${expected}, got ${String(value)}`);
    this.name = 'RankOptionError';
    this.option = option;
    this.value = value;
  }
}

/** One post under its chosen interest, before folding. */
interface PostItem extends Foldable {
  row: Candidate;
  hiddenReason?: HiddenReason;
  rankScore: number;
  time: number;
  /** Interests where the post is visible, with their scores. */
  visible: { interest: string; score: number }[];
}

// Interest names are few and repeat in every candidate: their keys are memoised.
const interestKeys = new Map<string, string>();
function interestKey(name: string): string {
  let key = interestKeys.get(name);
  if (key === undefined) {
    if (interestKeys.size >= 10_000) interestKeys.clear();
    key = name.trim().toLowerCase();
    interestKeys.set(name, key);
  }
  return key;
}
const finite = (x: number): number => (Number.isNaN(x) ? -Infinity : x);

/** Visible before hidden, then rankScore, score, recency, and post id: a total order. */
function compareItems(a: PostItem, b: PostItem): number {
  return (
    Number(a.hiddenReason !== undefined) - Number(b.hiddenReason !== undefined) ||
    finite(b.rankScore) - finite(a.rankScore) ||
    finite(b.row.score) - finite(a.row.score) ||
    b.time - a.time ||
    a.postId - b.postId
  );
}

/** The feedback that hides stories, per cluster. */
interface ClusterState {
  disliked: Set<number>;
  /** `${clusterId} ${interest key}` */
  offTopic: Set<string>;
  read: Set<number>;
}

function clusterState(candidates: readonly Candidate[]): ClusterState {
  const state: ClusterState = { disliked: new Set(), offTopic: new Set(), read: new Set() };
  for (const c of candidates) {
    if (c.feedback === 'dislike') state.disliked.add(c.clusterId);
    if (c.feedback === 'offtopic') state.offTopic.add(`${c.clusterId} ${interestKey(c.interest)}`);
    if (c.read) state.read.add(c.clusterId);
  }
  return state;
}

function hiddenReason(c: Candidate, state: ClusterState): HiddenReason | undefined {
  if (state.disliked.has(c.clusterId)) return 'disliked';
  if (state.offTopic.has(`${c.clusterId} ${interestKey(c.interest)}`)) return 'offtopic';
  // `!(≥)` so that a NaN score counts as below.
  if (!(c.score >= c.threshold) && c.feedback !== 'like') return 'below-threshold';
  return undefined;
}

/** Higher score first, then the interest's name: which interest a post is shown under. */
function compareRows(a: Candidate, b: Candidate): number {
  return finite(b.score) - finite(a.score) || (a.interest < b.interest ? -1 : a.interest > b.interest ? 1 : 0);
}

function postItems(candidates: readonly Candidate[], state: ClusterState, opts: RankOptions, halfLife: number): PostItem[] {
  const byPost = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const rows = byPost.get(c.postId);
    if (rows) rows.push(c);
    else byPost.set(c.postId, [c]);
  }
  const wanted = opts.interest === undefined ? undefined : interestKey(opts.interest);
  const items: PostItem[] = [];
  for (const rows of byPost.values()) {
    const judged = rows.map((row) => ({ row, reason: hiddenReason(row, state) })).sort((a, b) => compareRows(a.row, b.row));
    const chosen = wanted !== undefined
      ? judged.find((j) => interestKey(j.row.interest) === wanted)
      : (judged.find((j) => j.reason === undefined) ?? judged[0]);
    if (!chosen) continue;
    const { row } = chosen;
    items.push({
      postId: row.postId,
      clusterId: row.clusterId,
      sources: row.sources,
      row,
      hiddenReason: chosen.reason,
      rankScore: rankScore(row.score, row.published, row.firstSeenAt, opts.now, halfLife),
      time: postTime(row.published, row.firstSeenAt, opts.now),
      visible: judged.filter((j) => j.reason === undefined).map((j) => ({ interest: j.row.interest, score: j.row.score })),
    });
  }
  return items;
}

function checkOptions(opts: RankOptions): void {
  if (!(opts.now instanceof Date) || Number.isNaN(opts.now.getTime())) throw new RankOptionError('now', opts.now, 'a valid Date');
  const { limit, offset } = opts;
  if (limit !== undefined && !(limit === Infinity || (Number.isInteger(limit) && limit >= 0))) {
    throw new RankOptionError('limit', limit, 'a non-negative integer or Infinity');
  }
  if (offset !== undefined && !(Number.isInteger(offset) && offset >= 0)) throw new RankOptionError('offset', offset, 'a non-negative integer');
}

/** The whole feed in order, without paging (its length is the "N found" of a topic page). */
export function orderFeed(candidates: readonly Candidate[], opts: RankOptions): RankedItem[] {
  checkOptions(opts);
  const halfLife = opts.halfLifeHours ?? DEFAULT_HALF_LIFE_HOURS;
  const now = opts.now.getTime();
  const live = candidates.filter((c) => c.firstSeenAt.getTime() <= now);
  const state = clusterState(live);

  // Every post of each cluster, whatever its interests: "also in" names them all.
  const clusterPosts = new Map<number, Map<number, Foldable>>();
  for (const c of live) {
    let posts = clusterPosts.get(c.clusterId);
    if (!posts) clusterPosts.set(c.clusterId, (posts = new Map()));
    if (!posts.has(c.postId)) posts.set(c.postId, c);
  }

  const visible: RankedItem[] = [];
  const hidden: RankedItem[] = [];
  for (const cluster of foldClusters(postItems(live, state, opts, halfLife), compareItems)) {
    const rep = cluster.representative;
    const members = [rep, ...cluster.others];
    // Posts of the story outside this page's interest (none, without an interest filter).
    const allPosts = clusterPosts.get(rep.clusterId)!;
    let rest: Foldable[] = [];
    if (allPosts.size > members.length) {
      const inCluster = new Set(members.map((m) => m.postId));
      rest = [...allPosts.values()].filter((p) => !inCluster.has(p.postId)).sort((a, b) => a.postId - b.postId);
    }

    const shownUnder = interestKey(rep.row.interest);
    const others = new Map<string, { interest: string; score: number }>();
    for (const m of members) {
      for (const v of m.visible) {
        const key = interestKey(v.interest);
        if (key === shownUnder) continue;
        const seen = others.get(key);
        if (!seen || v.score > seen.score) others.set(key, v);
      }
    }
    const row = rep.row;
    const item: RankedItem = {
      postId: row.postId,
      clusterId: row.clusterId,
      interest: row.interest,
      otherInterests: [...others.values()].sort((a, b) => b.score - a.score || (a.interest < b.interest ? -1 : 1)).map((o) => o.interest),
      score: row.score,
      threshold: row.threshold,
      rankScore: rep.rankScore,
      hidden: rep.hiddenReason !== undefined,
      alsoIn: alsoIn({ representative: rep, others: [...cluster.others, ...rest] }),
      read: state.read.has(row.clusterId),
      firstSeenAt: row.firstSeenAt,
      breakdown: row.breakdown,
      terms: row.terms,
    };
    // Optional fields only when set (assigned, not spread: spreads cost a temporary object each).
    if (rep.hiddenReason) item.hiddenReason = rep.hiddenReason;
    if (row.sources[0]) item.source = row.sources[0];
    if (row.feedback) item.feedback = row.feedback;
    if (row.published) item.published = row.published;
    (item.hidden ? hidden : visible).push(item);
  }

  // Posts without a source are each their own.
  const sourceOf = (item: RankedItem): number | string => item.source?.feedId ?? `post ${item.postId}`;
  const maxRun = opts.maxRun ?? DEFAULT_MAX_RUN;
  const ordered = diversify(visible, sourceOf, maxRun);
  return opts.includeHidden ? ordered.concat(diversify(hidden, sourceOf, maxRun)) : ordered;
}

/** One page of the user's ranked feed. */
export function rankFeed(candidates: readonly Candidate[], opts: RankOptions): RankedItem[] {
  const offset = opts.offset ?? 0;
  const limit = opts.limit ?? DEFAULT_LIMIT;
  return orderFeed(candidates, opts).slice(offset, offset + limit);
}
