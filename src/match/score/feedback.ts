// Learning from feedback, real (likes, dislikes, "off-topic") or implicit (confident matches
// acting as likes: pseudo-relevance feedback, as in LOTClass's self-training). Pure functions:
//  - Rocchio (1971) moves the interest's vector towards liked posts and away from disliked ones;
//  - term selection by Robertson's offer weight r·RSJ finds the words that separate liked posts
//    from the stream, and these become 'learned' lexical terms;
//  - the threshold moves with the scores of posts the user called off-topic.

import type { CorpusStatistics } from './corpus-statistics.ts';
import type { LexicalDocument } from './document.ts';
import type { WeightedTerm } from './lexical.ts';

export interface RocchioWeights {
  /** The original query. */
  alpha: number;
  /** The centroid of liked posts. */
  beta: number;
  /** The centroid of disliked posts (subtracted). */
  gamma: number;
}

/** Classic values from the SMART experiments: the likes move the query, dislikes a little. */
export const DEFAULT_ROCCHIO: RocchioWeights = { alpha: 1, beta: 0.75, gamma: 0.15 };

/** α·q + β·mean(liked) − γ·mean(disliked), unit length. Vectors are unit (zero ones add nothing). */
export function rocchio(query: Float32Array, liked: readonly Float32Array[], disliked: readonly Float32Array[],
  weights: RocchioWeights = DEFAULT_ROCCHIO): Float32Array {
  const out = Float32Array.from(query, (x) => weights.alpha * x);
  const addMean = (vectors: readonly Float32Array[], scale: number): void => {
    if (vectors.length === 0) return;
    for (const v of vectors) for (let d = 0; d < out.length; d++) out[d] += (scale * v[d]) / vectors.length;
  };
  addMean(liked, weights.beta);
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
}

export const DEFAULT_TERM_SELECTION: TermSelection = { limit: 40, minPosts: 3, minShare: 0.1 };

/**
 * Terms that separate the liked posts from the stream, with weights: Robertson–Sparck Jones
 * relevance weight, ranked by the offer weight r·w (Robertson 1990). The returned weight is
 * w scaled to (0, 1] by the best term's, so learned terms sit on the keywords' scale.
 * `stats` holds the whole stream, liked posts included.
 */
export function learnedTerms(liked: readonly LexicalDocument[], stats: CorpusStatistics,
  selection: TermSelection = DEFAULT_TERM_SELECTION, exclude: (term: string) => boolean = () => false): WeightedTerm[] {
  const R = liked.length;
  if (R === 0) return [];
  const r = new Map<string, number>();
  for (const doc of liked) for (const term of doc.counts.keys()) r.set(term, (r.get(term) ?? 0) + 1);
  const N = stats.documents;
  const candidates: { term: string; w: number; offer: number }[] = [];
  const minPosts = Math.max(selection.minPosts, Math.ceil(selection.minShare * R));
  for (const [term, ri] of r) {
    if (ri < minPosts || exclude(term)) continue;
    // n from the smoothed share, so a term the stream has barely seen is not "perfectly specific".
    const n = Math.max(stats.documentShare(term) * N, ri);
    const w = Math.log(((ri + 0.5) / (R - ri + 0.5)) / ((n - ri + 0.5) / (Math.max(N - n - R + ri, 0) + 0.5)));
    if (w <= 0) continue;
    candidates.push({ term, w, offer: ri * w });
  }
  candidates.sort((a, b) => b.offer - a.offer);
  const kept = candidates.slice(0, selection.limit);
  const top = Math.max(...kept.map((c) => c.w), 1e-9);
  return kept.map((c) => ({ term: c.term, weight: c.w / top }));
}
