// Learning from feedback, real (likes, dislikes, "off-topic") or implicit (confident matches
// acting as likes: pseudo-relevance feedback, as in LOTClass's self-training). Pure functions:
//  - Rocchio (1971) moves the interest's vector towards liked posts and away from disliked ones;
//  - term selection by Robertson's offer weight r·RSJ finds the words that separate liked posts
//    from the stream, and these become 'learned' lexical terms;
//  - the threshold moves with the scores of posts the user called off-topic.

import { QUERY_AS_LIKES } from './discriminant.ts';
import type { CorpusStatistics } from './corpus-statistics.ts';
import type { LexicalDocument } from './document.ts';
import { normalized, topTerms, type SparseVector } from './tfidf.ts';

export interface RocchioWeights {
  /** The original query. */
  alpha: number;
  /** The centroid of liked posts. */
  beta: number;
  /** The centroid of disliked posts (subtracted). */
  gamma: number;
}

/** The likes' direction counts as much as the query's (their mean is normalised, see rocchio);
 *  dislikes push a little (as in the SMART experiments: negative evidence is less reliable). */
export const DEFAULT_ROCCHIO: RocchioWeights = { alpha: 1, beta: 1, gamma: 0.15 };

/** In the sparse TF-IDF space the query is a dozen terms and a topic's vocabulary hundreds: at
 *  α = β the keywords keep most of the weight and the vocabulary learned from likes stays thin
 *  (the lexical view learns least where TF-IDF centroids are strongest, DESIGN.md). β = 2α
 *  gives the liked posts' direction twice the keywords' while the keywords still anchor it;
 *  γ keeps its ratio to β. Measured on BBC News: after-feedback 0.956 → 0.959, rejection 0.918 → 0.927, zero-shot ±0. */
export const SPARSE_ROCCHIO: RocchioWeights = { alpha: 1, beta: 2, gamma: 0.3 };

/**
 * α·q + β·m(liked) − γ·m(disliked), unit length, where m is the mean direction (the mean
 * normalised): the mean of many diverse unit vectors shrinks (300 implicit likes average to a
 * short vector), which would let the query outweigh them more the more likes there are; with
 * the direction, α:β means the same for 3 likes or 300. Implicit likes (self-training) are a
 * group of their own, with the same β: hundreds of them cannot drown a user's twenty real ones.
 * Vectors are unit (zero ones add nothing).
 */
export function rocchio(query: Float32Array, liked: readonly Float32Array[], disliked: readonly Float32Array[],
  weights: RocchioWeights = DEFAULT_ROCCHIO, implicit: readonly Float32Array[] = []): Float32Array {
  const out = Float32Array.from(query, (x) => weights.alpha * x);
  const addMean = (vectors: readonly Float32Array[], scale: number): void => {
    if (vectors.length === 0) return;
    const mean = new Float32Array(out.length);
    for (const v of vectors) for (let d = 0; d < out.length; d++) mean[d] += v[d] / vectors.length;
    let norm = 0;
    for (const x of mean) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < out.length; d++) out[d] += (scale * mean[d]) / norm;
  };
  addMean(liked, weights.beta);
  addMean(implicit, weights.beta);
  addMean(disliked, -weights.gamma);
  let norm = 0;
  for (const x of out) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < out.length; d++) out[d] /= norm;
  return out;
}

export interface TermSelection {
  /** Terms kept at most. */
  limit: number;
  /** Liked posts a term must occur in (one post's quirks are not a topic). */
  minPosts: number;
  /** Liked posts a term must occur in, as a share of them. */
  minShare: number;
  /** Least RSJ weight (log odds ratio): 1 means the term is ≥ e times likelier, in odds, in a
   *  liked post than in the rest. Frequent words ("said", "year") pass the share tests and
   *  have high offer weights, but odds near 1: they say nothing about the topic. */
  minWeight: number;
}

export const DEFAULT_TERM_SELECTION: TermSelection = { limit: 40, minPosts: 3, minShare: 0.1, minWeight: 1 };

export interface LearnedTerm {
  term: string;
  /** Scaled to (0, 1] by the interest's best learned term, on the keywords' scale. */
  weight: number;
  /** Robertson–Sparck Jones relevance weight (log odds ratio, liked vs the rest). */
  rsj: number;
  /** Share of the liked posts that hold the term. */
  share: number;
}

/**
 * Terms that separate the liked posts from the stream: Robertson–Sparck Jones relevance
 * weight w, ranked by the offer weight r·w (Robertson 1990). `stats` holds the whole stream,
 * liked posts included.
 */
export function learnedTerms(liked: readonly LexicalDocument[], stats: CorpusStatistics,
  selection: TermSelection = DEFAULT_TERM_SELECTION, exclude: (term: string) => boolean = () => false): LearnedTerm[] {
  const R = liked.length;
  if (R === 0) return [];
  const r = new Map<string, number>();
  for (const doc of liked) for (const term of doc.counts.keys()) r.set(term, (r.get(term) ?? 0) + 1);
  const N = stats.documents;
  const candidates: (LearnedTerm & { offer: number })[] = [];
  const minPosts = Math.max(selection.minPosts, Math.ceil(selection.minShare * R));
  for (const [term, ri] of r) {
    if (ri < minPosts || exclude(term)) continue;
    // n: the stream's own count, or the background's estimate when that is larger (a term the
    // stream has barely seen is not "perfectly specific" yet).
    const n = Math.max(stats.documentFrequency(term), stats.documentShare(term) * N, ri);
    const w = Math.log(((ri + 0.5) / (R - ri + 0.5)) / ((n - ri + 0.5) / (Math.max(N - n - R + ri, 0) + 0.5)));
    if (w < selection.minWeight) continue;
    candidates.push({ term, weight: 0, rsj: w, share: ri / R, offer: ri * w });
  }
  candidates.sort((a, b) => b.offer - a.offer);
  return scaled(candidates.slice(0, selection.limit).map(({ offer: _, ...t }) => t));
}

function scaled(terms: LearnedTerm[]): LearnedTerm[] {
  const top = Math.max(...terms.map((c) => c.rsj), 1e-9);
  return terms.map((t) => ({ ...t, weight: t.rsj / top }));
}

/** How far feedback may move an interest's threshold from its default, in evidence units. */
export const MAX_RAISE = 2;
export const MAX_LOWER = 1;

/** The threshold as the interest set it counts as this many off-topic reports, as the interest
 *  as written counts as QUERY_AS_LIKES likes: n reports raise it n / (n + 4) of the way to their
 *  floor. One report used to raise it the whole way (up to MAX_RAISE): on 500 BBC posts (the
 *  eval's five interests, live matcher; the highest-scoring matched post of another topic
 *  reported), recall of each interest's own posts 0.81 → 0.57 for one report, 0.60 for three;
 *  now 0.78 and 0.76, while the other topics' matches fall 53 → 36 and 17 (13 and 5 before): the
 *  F1 of the matches stays at 0.84-0.85 instead of falling to 0.71-0.75 (`node eval/off-topic.ts`,
 *  eval/README.md). */
export const THRESHOLD_AS_REPORTS = QUERY_AS_LIKES;

/** What the threshold rule needs of the posts a user reported, in evidence units: two numbers,
 *  so a threshold whose base moves with the stream (the streaming midpoint,
 *  midpoint-threshold.ts) can apply the same feedback again at every batch. */
export interface FeedbackEvidence {
  /** Just above the median post called off-topic (half a user's reports may be noise). */
  offTopicFloor?: number;
  /** How many posts were called off-topic (the raise's share, THRESHOLD_AS_REPORTS); a state
   *  learned before it was kept has none and takes the whole raise, as it did. */
  offTopicReports?: number;
  /** The weakest liked posts (their 10th percentile). */
  likedWeak?: number;
}

export function feedbackEvidence(likedEvidence: readonly number[], offTopicEvidence: readonly number[]): FeedbackEvidence {
  const sorted = (xs: readonly number[]) => xs.filter(Number.isFinite).sort((a, b) => a - b);
  const off = sorted(offTopicEvidence);
  const liked = sorted(likedEvidence);
  const out: FeedbackEvidence = {};
  if (off.length > 0) {
    out.offTopicFloor = off[Math.floor((off.length - 1) / 2)] + 0.1;
    out.offTopicReports = off.length;
  }
  if (liked.length > 0) out.likedWeak = liked[Math.floor(0.1 * (liked.length - 1))];
  return out;
}

/**
 * The threshold from a base and the reported posts' evidence: raised towards the off-topic floor
 * (n reports n / (n + THRESHOLD_AS_REPORTS) of the way), and lowered to let the weakest liked posts
 * through — never below where the reports raised it, and never more than MAX_RAISE / MAX_LOWER
 * from the base.
 */
export function thresholdWithFeedback(base: number, evidence: FeedbackEvidence): number {
  let threshold = base;
  const floor = evidence.offTopicFloor ?? -Infinity;
  if (evidence.offTopicFloor !== undefined) {
    const n = evidence.offTopicReports, share = n === undefined ? 1 : n / (n + THRESHOLD_AS_REPORTS);
    threshold = base + (Math.min(Math.max(base, floor), base + MAX_RAISE) - base) * share;
  }
  const weak = evidence.likedWeak;
  if (weak !== undefined && weak < threshold) threshold = Math.max(weak, base - MAX_LOWER, Math.min(floor, threshold));
  return threshold;
}

/**
 * The interest's threshold after feedback, from the evidence of the posts the user reported:
 * raised above the median post called off-topic (half a user's reports may be noise), and
 * lowered to let the weakest liked posts through (their 10th percentile) — never below a
 * post called off-topic, and never more than MAX_RAISE / MAX_LOWER from the default.
 */
export function adjustedThreshold(base: number, likedEvidence: readonly number[], offTopicEvidence: readonly number[]): number {
  return thresholdWithFeedback(base, feedbackEvidence(likedEvidence, offTopicEvidence));
}

/** Terms an interest's lexical vector keeps after learning (an inverted index holds each). */
export const LEARNED_TERM_LIMIT = 300;

/** Liked posts a term must occur in before the lexical vector learns it: one post's quirks — its
 *  place names, its "water" and "warm" — are not a topic. With a single like no new word is learned
 *  (it used to teach all of them: one liked BBC technology article brought ~290 of its words and
 *  phrases, "firm vie eyebal", and the interest showed 2 of its 31 posts). */
export const MIN_SHARED = 2;

/**
 * Rocchio in the sparse TF-IDF space: α·q + β·m(liked) − γ·mean(disliked), negative weights
 * dropped, terms of fewer than MIN_SHARED liked posts dropped (the query's own terms stay), β
 * scaled by n / (n + QUERY_AS_LIKES) for n likes (the words count as that many likes), the
 * `limit` largest kept, unit length. q and the posts are unit vectors.
 */
export function sparseRocchio(query: SparseVector, liked: readonly SparseVector[], disliked: readonly SparseVector[],
  weights: RocchioWeights = SPARSE_ROCCHIO, implicit: readonly SparseVector[] = [], limit = LEARNED_TERM_LIMIT): SparseVector {
  const out: SparseVector = new Map();
  const add = (v: SparseVector, scale: number): void => {
    for (const [t, w] of v) out.set(t, (out.get(t) ?? 0) + scale * w);
  };
  // A group's mean direction (see rocchio): its mean scaled to unit length before terms are dropped.
  const addDirection = (group: readonly SparseVector[], scale: number): void => {
    if (group.length === 0) return;
    const mean: SparseVector = new Map();
    for (const v of group) for (const [t, w] of v) mean.set(t, (mean.get(t) ?? 0) + w / group.length);
    let norm = 0;
    for (const w of mean.values()) norm += w * w;
    add(mean, scale / (Math.sqrt(norm) || 1));
  };
  const support = new Map<string, number>();
  for (const v of [...liked, ...implicit]) for (const t of v.keys()) support.set(t, (support.get(t) ?? 0) + 1);
  // One liked post's words are not the topic's (MIN_SHARED), and a few likes move the interest
  // only part of the way: the interest as written counts as QUERY_AS_LIKES likes (as discriminant).
  add(query, weights.alpha);
  addDirection(liked, (weights.beta * liked.length) / (liked.length + QUERY_AS_LIKES));
  addDirection(implicit, weights.beta);
  for (const v of disliked) add(v, -weights.gamma / disliked.length);
  for (const t of out.keys()) if (!query.has(t) && (support.get(t) ?? 0) < MIN_SHARED) out.delete(t);
  return normalized(topTerms(out, limit));
}
