// What an interest's positives (its liked posts and the posts self-training took as implicit
// likes) say about each post by themselves, as two classic text classifiers over the stream's
// words: a multinomial naive Bayes of the positives against the stream, and the cosine to the
// positives' TF-IDF centroid (Rocchio without the query). The evidence (match/batch.ts) already
// learns from the same posts, but through the interest's embedding direction and a sparse
// vector of at most LEARNED_TERM_LIMIT terms mixed with the query; these two keep every word
// and nothing of the query, so they err on other posts. batch.ts adds them to the evidence
// where `best` compares interests after likes.
//
// Each view is standardised like the evidence: SDs above the interest's typical off-topic
// post (median and lower-half spread of the posts that are not positives, calibration.ts).

import { offTopicMoments, zScore } from './calibration.ts';
import type { LexicalDocument } from './document.ts';
import { normalized, sparseDot, type SparseVector } from './tfidf.ts';

/** Dirichlet smoothing of the positives' word distribution towards the stream's, in words
 *  (about five posts of ~200 content stems): a word the positives have not seen is as likely
 *  as in the stream, not impossible. 200 measured alike on BBC News (eval/README.md). */
export const NAIVE_BAYES_SMOOTHING = 1000;

/** Off-topic posts (not positives) a view needs before it can be standardised: fewer do not
 *  say where the typical off-topic post is, and the views are left out. */
export const MIN_OFF_TOPIC_POSTS = 50;

/** The single stems of a post with their counts (phrases repeat their words). */
function stems(doc: LexicalDocument): [string, number][] {
  return [...doc.counts].filter(([term]) => !term.includes(' '));
}

/**
 * log P(post | positives) − log P(post | stream) under multinomial word models, for every
 * post: Σ count(w) · log(p₊(w) / p(w)), p₊ the positives' word distribution smoothed towards
 * the stream's p by `smoothing` words. Long posts get larger magnitudes (more evidence).
 */
export function naiveBayesView(docs: readonly LexicalDocument[], positives: readonly number[], smoothing = NAIVE_BAYES_SMOOTHING): Float64Array {
  const stream = new Map<string, number>();
  let streamTotal = 0;
  const words = docs.map(stems);
  for (const list of words) {
    for (const [term, count] of list) {
      stream.set(term, (stream.get(term) ?? 0) + count);
      streamTotal += count;
    }
  }
  const positive = new Map<string, number>();
  let positiveTotal = 0;
  for (const j of positives) {
    for (const [term, count] of words[j]) {
      positive.set(term, (positive.get(term) ?? 0) + count);
      positiveTotal += count;
    }
  }
  return Float64Array.from(words, (list) => {
    let sum = 0;
    for (const [term, count] of list) {
      const p = stream.get(term)! / streamTotal;
      sum += count * Math.log(((positive.get(term) ?? 0) + smoothing * p) / (positiveTotal + smoothing) / p);
    }
    return sum;
  });
}

/** Cosine of every post's unit TF-IDF vector with the positives' centroid (unit). The sum runs
 *  over the post's terms (~550 on BBC News), not the centroid's (~100,000 for 250 positives):
 *  on BBC News after 20 likes (2,225 posts, 5 interests) 34.5 s → 0.9 s, the same cosines. */
export function centroidView(termVectors: readonly SparseVector[], positives: readonly number[]): Float64Array {
  const centroid: SparseVector = new Map();
  for (const j of positives) for (const [term, w] of termVectors[j]) centroid.set(term, (centroid.get(term) ?? 0) + w);
  const unit = normalized(centroid);
  return Float64Array.from(termVectors, (v) => sparseDot(v, unit));
}

/**
 * The two views, each standardised against the posts that are not positives, summed; undefined
 * without positives or with fewer than MIN_OFF_TOPIC_POSTS other posts.
 */
export function positiveViews(docs: readonly LexicalDocument[], termVectors: readonly SparseVector[], positives: readonly number[]): Float64Array | undefined {
  const positive = new Set(positives);
  const offTopic = (j: number) => !positive.has(j);
  if (positive.size === 0 || docs.length - positive.size < MIN_OFF_TOPIC_POSTS) return undefined;
  const standardised = (values: Float64Array) => {
    const null_ = offTopicMoments(values, offTopic);
    return values.map((x) => zScore(x, null_));
  };
  const bayes = standardised(naiveBayesView(docs, positives));
  const centroid = standardised(centroidView(termVectors, positives));
  return bayes.map((x, j) => x + centroid[j]);
}
