// Scoring a batch of posts against a set of interests: the reference semantics of Sluice's
// matching (the standing-query index and the WASM kernel accelerate the same arithmetic).
//
// Two signals per (post, interest): semantic — cosine of the post's and the interest's
// embeddings — and lexical — cosine of their TF-IDF vectors (score/tfidf.ts; the interest's
// starts as its weighted terms). Each is z-scored against the interest's distribution over the
// stream's off-topic posts (robust to the on-topic ones, score/calibration.ts), blended with a
// prior: the embedder's shipped background for the semantic one (cold start, issue item 8),
// a scale argument for the lexical one. With self-training, while the prior outweighs the batch
// it also says which posts are already far out, on topic, and these do not count as off-topic
// ones (anchoredNull): a small batch all about one topic would otherwise standardise the topic
// against itself (rounds 0 is the live matcher's reference, which keeps running moments).
// Their sum is standardised the same way, so:
//
//   score = standard deviations above the interest's typical off-topic post.
//
// A post matches an interest when its score reaches the interest's threshold
// (DEFAULT_THRESHOLD; after self-training widened by the upper side's spread and raised to
// the midpoint between typical off-topic post and typical match; moved by feedback). `best` is
// the interest with the highest evidence (below; after likes, evidence plus what the positives
// say by themselves; null only for a post with nothing to score: empty, or no word either view knows).
//
// Self-training (pseudo-relevance feedback, LOTClass-style): posts that one interest matches
// confidently — above SEED_THRESHOLD, SEED_MARGIN clear of the runner-up, and backed by
// both views of the interest as written — act as implicit likes: they move the interest's
// vector and its terms (Rocchio, score/feedback.ts), and everything is scored again. Real likes
// join them as certain positives; dislikes and off-topic reports push away. The off-topic
// distribution excludes the positives, so an interest's own posts do not inflate its "typical".
//
// Finally each post's evidence is averaged with that of its nearest posts in the stream
// (lexical neighbours, score/smoothing.ts) and standardised again: posts of a topic cluster,
// so a post that borrows an interest's words but sits among another topic's posts falls back,
// and an on-topic post with thin evidence of its own is carried by its neighbours. `best`
// compares interests on that (the breakdown's `evidence`); the score, which `matched` and the
// threshold are on, spreads that evidence further over the same neighbourhoods (label
// spreading to its fixed point, score/smoothing.ts: the neighbours' neighbours and beyond,
// each ring half the weight of the one before): whether a post belongs to an interest at all
// is a question about the cluster it sits in, while which of two interests it is about is
// decided at the border of their clusters, where a wider neighbourhood holds both topics and
// the post's own words must keep their say (with self-training; at rounds 0 score and
// evidence are the same).

import type { Embedder } from '../embed/embedder.ts';
import { cosineStatistics, type Background } from '../embed/glove/background.ts';
import { cosine } from '../embed/sif.ts';
import { compileInterest } from './interest/compile.ts';
import type { CompiledInterest, Interest, InterestTerm } from './interest/interest.ts';
import { anchoredNull, blend, moments, offTopicMoments, onTopicCutoff, upperSpreadFactor, zScore, type Distribution } from './score/calibration.ts';
import { CorpusStatistics, type BackgroundFrequency } from './score/corpus-statistics.ts';
import { lexicalDocument, type LexicalDocument } from './score/document.ts';
import { discriminant, streamMoments } from './score/discriminant.ts';
import { isImplicitLike } from './score/implicit-likes.ts';
import { adjustedThreshold, DEFAULT_ROCCHIO, SPARSE_ROCCHIO, sparseRocchio } from './score/feedback.ts';
import { midpointThreshold } from './score/midpoint-threshold.ts';
import { neighbourhoods } from './score/neighbours.ts';
import { positiveViews } from './score/positive-views.ts';
import { NEIGHBOURS, propagatedScores, smoothScores } from './score/smoothing.ts';
import { queryVector, sparseDot, tfidfVector, type SparseVector } from './score/tfidf.ts';

export interface PostInput {
  id: string;
  title: string;
  text: string;
}

/** A post prepared once for every interest: its lexical view and embedding. */
export interface AnalyzedPost {
  id: string;
  doc: LexicalDocument;
  vector: Float32Array;
}

/** What a user said about posts, by post id, for one interest. */
export interface Feedback {
  liked?: readonly string[];
  /** Not wanted (moves the interest away a little). */
  disliked?: readonly string[];
  /** Not about this interest at all: moves it away and raises its threshold. */
  offTopic?: readonly string[];
}

export interface ScoreBreakdown {
  /** Combined calibrated evidence: standard deviations above the interest's typical off-topic
   *  post, the post's own averaged with its nearest posts' (one step; with self-training
   *  `scores` spread it further). `best` is the interest where it is highest (after likes, with `positives` added). */
  evidence: number;
  /** Calibrated semantic evidence (z against off-topic posts and the background). */
  semantic: number;
  /** Calibrated lexical evidence. */
  lexical: number;
  /** Matched terms, strongest first. */
  terms: string[];
  /** Change of the evidence due to real and implicit feedback (vs the interest as written). */
  feedback: number;
  /** After likes (with self-training): what the interest's liked and implicitly liked posts say
   *  by themselves, naive Bayes plus centroid, each in SDs above the typical off-topic post
   *  (score/positive-views.ts). `best` compares `evidence + positives`. */
  positives?: number;
}

export interface PostScores {
  id: string;
  /** Standard deviations above the interest's typical off-topic post, the evidence spread over
   *  the post's neighbourhood (the interests' `thresholds` are on these). */
  scores: Record<string, number>;
  /** The interests whose threshold the post's score reaches, highest score first. */
  matched: string[];
  /** The interest with the highest `breakdown[…].evidence` (after likes, `evidence + positives`;
   *  null for a post with nothing to score). */
  best: string | null;
  breakdown: Record<string, ScoreBreakdown>;
  /** Each interest's threshold on `scores` (the default, moved by feedback). */
  thresholds: Record<string, number>;
}

export interface BatchOptions {
  /** Stored posts that calibrate and teach but are not scored in the output. */
  corpus?: readonly AnalyzedPost[];
  background?: Background;
  /** Background document frequencies (see score/background-frequency.ts). */
  backgroundFrequency?: BackgroundFrequency;
  feedback?: Readonly<Record<string, Feedback>>;
  threshold?: number;
  /** Self-training rounds; 0 scores the interests as written. */
  rounds?: number;
  /** Called after each round with the ids taken as positives per interest (for diagnostics). */
  onRound?: (round: number, positives: readonly (readonly string[])[]) => void;
}

/** Score ≥ this: on topic. Three SDs above the typical off-topic post: a normal null would let
 *  ~0.1% of off-topic posts through; real tails are fatter (neighbouring topics). Chosen as a
 *  round number, not fitted: on BBC News it gives ~95% rejection at ~87% recall for a user
 *  following two topics (npm run eval). */
export const DEFAULT_THRESHOLD = 3;
/** Weight of the shipped background against the stream, in posts: it decides a batch of tens,
 *  and a stream of thousands decides itself. */
export const BACKGROUND_WEIGHT = 200;
/** Weight of the lexical signal beside the semantic one. Equal: neither is trusted more a
 *  priori (lexical is sharper on long posts, semantic on short ones). */
export const LEXICAL_WEIGHT = 1;
/** Self-training rounds: the seeds barely change after the second (measured on BBC News). */
export const DEFAULT_ROUNDS = 3;
/** Weight, in posts, of the priors below: a batch of a dozen posts leans on them, a stream of
 *  hundreds does not. */
export const PRIOR_WEIGHT = 50;
/** Prior for the lexical signal (cosine of unit TF-IDF vectors) over off-topic posts: mostly 0,
 *  spread by incidental keywords. One occurrence of one of ten equally weighted keywords in a
 *  typical post (~150 content words, its TF-IDF weight ≈ 0.05) gives 0.3 × 0.05 ≈ 0.015: such a
 *  post is one SD above typical. */
export const LEXICAL_PRIOR: Distribution = { mean: 0, std: 0.015 };
/** Prior for the sum of the two z-scores: independent signals (correlation 0) give √2. */
export const COMBINED_PRIOR: Distribution = { mean: 0, std: Math.SQRT2 };

export async function analyzePosts(posts: readonly PostInput[], embedder: Embedder): Promise<AnalyzedPost[]> {
  const vectors = await embedder.embed(posts.map((p) => `${p.title}\n${p.text}`));
  return posts.map((p, i) => ({ id: p.id, doc: lexicalDocument(p.title, p.text), vector: vectors[i] }));
}

interface Signals {
  semantic: Float64Array;
  lexical: Float64Array;
}

function signals(vectors: readonly Float32Array[], termVectors: readonly SparseVector[], vector: Float32Array, terms: SparseVector): Signals {
  const semantic = new Float64Array(vectors.length);
  const lexical = new Float64Array(vectors.length);
  for (let j = 0; j < vectors.length; j++) {
    semantic[j] = cosine(vectors[j], vector);
    lexical[j] = sparseDot(terms, termVectors[j]);
  }
  return { semantic, lexical };
}

/** The interest's terms found in a post, by contribution, strongest first. */
function matchedTerms(terms: SparseVector, post: SparseVector, limit: number): string[] {
  const found: [string, number][] = [];
  for (const [t, w] of terms) {
    const x = post.get(t);
    if (x !== undefined) found.push([t, w * x]);
  }
  return found.sort((a, b) => b[1] - a[1]).slice(0, limit).map(([t]) => t);
}

interface Calibrated {
  score: Float64Array;
  semantic: Float64Array;
  lexical: Float64Array;
}

function calibrate(s: Signals, isNull: (j: number) => boolean, semanticPrior: Distribution | undefined, anchored: boolean): Calibrated {
  const n = s.semantic.length;
  // Each prior says which posts are already far out, on topic rather than off-topic evidence,
  // with the say of the shipped background's weight for all three: a batch of tens that is all
  // about one topic must not standardise the topic against itself (calibration.ts anchoredNull).
  const nullOf = (values: ArrayLike<number>, prior: Distribution, weight: number, sample: typeof moments): Distribution =>
    anchored ? anchoredNull(values, isNull, prior, weight, sample, BACKGROUND_WEIGHT) : blend(prior, weight, sample(values, isNull));
  const semDist = semanticPrior ? nullOf(s.semantic, semanticPrior, BACKGROUND_WEIGHT, offTopicMoments) : offTopicMoments(s.semantic, isNull);
  const lexDist = nullOf(s.lexical, LEXICAL_PRIOR, PRIOR_WEIGHT, moments);
  const semantic = new Float64Array(n);
  const lexical = new Float64Array(n);
  const raw = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    semantic[j] = zScore(s.semantic[j], semDist);
    lexical[j] = zScore(s.lexical[j], lexDist);
    raw[j] = semantic[j] + LEXICAL_WEIGHT * lexical[j];
  }
  // The sum of two z-scores is not one: standardise it against the same off-topic posts.
  const rawDist = nullOf(raw, COMBINED_PRIOR, PRIOR_WEIGHT, offTopicMoments);
  const score = Float64Array.from(raw, (x) => zScore(x, rawDist));
  return { score, semantic, lexical };
}

export async function scoreBatch(posts: readonly PostInput[], interests: readonly Interest[], embedder: Embedder,
  options: BatchOptions = {}): Promise<PostScores[]> {
  const analyzed = await analyzePosts(posts, embedder);
  const compiledStats = statisticsOf([...analyzed, ...(options.corpus ?? [])], options.backgroundFrequency);
  const compiled = await Promise.all(interests.map((i) => compileInterest(i, embedder, { stats: compiledStats })));
  return scoreAnalyzed(analyzed, compiled, options);
}

export function statisticsOf(posts: readonly AnalyzedPost[], backgroundFrequency?: BackgroundFrequency): CorpusStatistics {
  const stats = new CorpusStatistics(backgroundFrequency);
  for (const p of posts) {
    stats.add(p.doc);
    stats.pruneIfFull(); // a file of many thousand posts: bounded as the stream's (no index held)
  }
  return stats;
}

/** Scores already analysed posts against compiled interests. Deterministic. */
export function scoreAnalyzed(posts: readonly AnalyzedPost[], interests: readonly CompiledInterest[], options: BatchOptions = {}): PostScores[] {
  const all = [...posts, ...(options.corpus ?? [])];
  const stats = statisticsOf(all, options.backgroundFrequency);
  const index = new Map(all.map((p, j) => [p.id, j]));
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const baseThreshold = options.threshold ?? DEFAULT_THRESHOLD;
  const vectors = all.map((p) => p.vector);
  const termVectors = all.map((p) => tfidfVector(p.doc, stats));

  const feedbackOf = interests.map((interest) => {
    const f = options.feedback?.[interest.name] ?? {};
    const ids = (list: readonly string[] | undefined) => (list ?? []).map((id) => index.get(id)).filter((j) => j !== undefined);
    return { liked: ids(f.liked), disliked: [...ids(f.disliked), ...ids(f.offTopic)], offTopic: ids(f.offTopic) };
  });
  const baseTerms = interests.map((interest) => queryVector(interest.terms, stats));
  const priors = interests.map((interest) => (options.background ? cosineStatistics(options.background, interest.vector) : undefined));
  const rejected = feedbackOf.map((f) => new Set(f.disliked));
  // The stream's vector mean and covariance, for the discriminant directions (once, when needed).
  let moments_: ReturnType<typeof streamMoments> | undefined;
  const stream = () => (moments_ ??= streamMoments(vectors, interests[0]?.vector.length));

  // Round 0: the interests as written (moved by real feedback); later rounds add implicit likes.
  let positives: number[][] = feedbackOf.map((f) => f.liked);
  let current: Calibrated[] = [];
  let initial: Calibrated[] | undefined;
  let learned: SparseVector[] = baseTerms;
  for (let round = 0; round <= rounds; round++) {
    current = [];
    learned = [];
    interests.forEach((interest, i) => {
      const { liked, disliked } = feedbackOf[i];
      const isLiked = new Set(liked);
      const implicit = positives[i].filter((j) => !isLiked.has(j));
      const moved = positives[i].length > 0 || disliked.length > 0;
      const dense = (list: number[]) => list.map((j) => vectors[j]);
      const sparse = (list: number[]) => list.map((j) => termVectors[j]);
      const vector = moved ? discriminant(interest.vector, dense(liked), dense(disliked), stream(), dense(implicit), DEFAULT_ROCCHIO.gamma) : interest.vector;
      const terms = moved ? sparseRocchio(baseTerms[i], sparse(liked), sparse(disliked), SPARSE_ROCCHIO, sparse(implicit)) : baseTerms[i];
      const positive = new Set(positives[i]);
      const prior = options.background && moved ? cosineStatistics(options.background, vector) : priors[i];
      current.push(calibrate(signals(vectors, termVectors, vector, terms), (j) => !positive.has(j), prior, rounds > 0));
      learned.push(terms);
    });
    initial ??= current;
    if (round === rounds) break;
    positives = seeds(current, initial, all.length, feedbackOf, rejected);
    options.onRound?.(round, positives.map((list) => list.map((j) => all[j].id)));
  }

  // Last, each post's evidence is smoothed with its neighbours' (score/smoothing.ts):
  // with two interests followed nothing competes for a neighbouring topic's posts, but their
  // neighbours still say where they belong. Only after self-training: seeds come from a post's
  // own evidence.
  // With self-training the score spreads the evidence over neighbourhoods by both views
  // (score/neighbours.ts `hybrid`; `best`'s one step keeps the lexical ones, so it is unchanged):
  // on AG News's short posts (eval/README.md) recall at the thresholds 0.55 → 0.70 at 2.4 → 3.2%
  // of other topics' posts; on BBC News 0.933 → 0.937 at 1.1%.
  const { lexical: neighbours, hybrid } = neighbourhoods(termVectors, NEIGHBOURS, rounds > 0 ? vectors : undefined);
  const finalPositives = positives;
  // With self-training the posts already far out are not off-topic evidence here either
  // (offTopicEvidence); at rounds 0, the live matcher's reference, only the positives are left out.
  const offTopic = (c: Calibrated, i: number) => offTopicEvidence(c.score, finalPositives[i], rounds > 0);
  const smooth = (c: Calibrated, i: number): Calibrated => ({ ...c, score: smoothScores(c.score, neighbours, offTopic(c, i)) });
  const propagate = (c: Calibrated, i: number): Calibrated => ({ ...c, score: propagatedScores(c.score, hybrid ?? neighbours, offTopic(c, i)) });
  current = current.map(smooth);
  initial = initial!.map(smooth);
  // `best` compares the interests on this evidence; the score spreads it further (see the top
  // of this file). Measured on BBC News (eval/README.md, node eval/splits.ts): rejection
  // 0.965 / 0.970 / 0.969 → 0.971 / 0.978 / 0.970 at recall 0.923 / 0.901 / 0.902 → 0.929 /
  // 0.910 / 0.917 (full / odd / even); a second step for `best` too lost 0.2–0.8 points.
  // Only with self-training, as the threshold below: rounds 0 is the live matcher's reference.
  const evidence = current;
  if (rounds > 0) current = current.map(propagate);
  // After likes, `best` also asks the positives themselves (score/positive-views.ts: naive Bayes
  // and the TF-IDF centroid of the liked and implicitly liked posts, all their words, none of the
  // query's): they err on other posts than the evidence, and the sum errs less. Measured on BBC
  // News after 20 likes (eval/README.md, node eval/splits.ts, full / odd / even, likes seeds 1000
  // and 7000): 0.9642 / 0.9591, 0.9585 / 0.9595, 0.9615 / 0.9694 → 0.9642 / 0.9638, 0.9634 /
  // 0.9615, 0.9674 / 0.9704. Not without likes (best as it was; self-training only, as above).
  const likes = feedbackOf.some((f) => f.liked.length > 0);
  const views = rounds > 0 && likes ? finalPositives.map((list) => positiveViews(all.map((p) => p.doc), termVectors, list)) : [];

  // The threshold is in SDs of the lower half; the posts it must stop come from the upper side,
  // where neighbouring topics widen the spread (calibration.ts, upperSpreadFactor). Measured on
  // BBC News with the discriminant directions: rejection 0.881 → 0.924 at recall 0.983 → 0.967.
  // Only with self-training: rounds 0 is the live matcher's reference (matcher/README.md), and
  // the live matcher sees only the pairs near the threshold, not the quantiles this needs.
  const spread = current.map((c, i) => {
    if (rounds === 0) return 1;
    const positive = new Set(finalPositives[i]);
    return upperSpreadFactor(c.score, (j) => !positive.has(j));
  });
  // Then halfway between the typical off-topic post and the typical match, where that is higher
  // (score/midpoint-threshold.ts): neighbouring topics' posts climb with the topic's own.
  // Measured on BBC News: rejection 0.924 → 0.965 at recall 0.967 → 0.923. Self-training only, as above.
  const bases = current.map((c, i) => {
    const nullThreshold = baseThreshold * spread[i];
    if (rounds === 0) return nullThreshold;
    // The typical off-topic post from the posts that may be off-topic evidence, as the
    // smoothing's: in a batch all about one topic the unseeded posts are the topic's weaker
    // ones, and their median put the threshold at 10 (BBC football, 20 posts: 16 matched, now 20).
    return midpointThreshold(c.score, nullThreshold, offTopicEvidence(c.score, finalPositives[i], true));
  });
  const thresholds = interests.map((_, i) =>
    adjustedThreshold(bases[i], feedbackOf[i].liked.map((j) => current[i].score[j]), feedbackOf[i].offTopic.map((j) => current[i].score[j])));

  const thresholdByName: Record<string, number> = {};
  interests.forEach((interest, i) => (thresholdByName[interest.name] = round3(thresholds[i])));
  return posts.map((p, j) => {
    const scores: Record<string, number> = {};
    const breakdown: Record<string, ScoreBreakdown> = {};
    const matched: string[] = [];
    let best: string | null = null;
    let bestScore = -Infinity;
    interests.forEach((interest, i) => {
      const score = current[i].score[j];
      const own = evidence[i].score[j];
      const positives = views[i]?.[j];
      scores[interest.name] = round3(score);
      breakdown[interest.name] = {
        evidence: round3(own),
        semantic: round3(current[i].semantic[j]),
        lexical: round3(current[i].lexical[j]),
        terms: matchedTerms(learned[i], termVectors[j], 8),
        feedback: round3(own - initial![i].score[j]),
        ...(positives === undefined ? {} : { positives: round3(positives) }),
      };
      if (score >= thresholds[i]) matched.push(interest.name);
      if (own + (positives ?? 0) > bestScore) {
        best = interest.name;
        bestScore = own + (positives ?? 0);
      }
    });
    matched.sort((a, b) => scores[b] - scores[a]);
    // A post with nothing to score (empty, or no word either view knows) has no best interest.
    if (!hasEvidence(p, learned, termVectors[j])) best = null;
    return { id: p.id, scores, matched, best, breakdown, thresholds: thresholdByName };
  });
}

/** The posts that may tell what an interest's off-topic posts look like once its scores are
 *  standardised (SDs above the typical off-topic post, a prior of 0 ± 1): not its positives,
 *  and, `anchored`, not the posts already far out (calibration.ts anchoredNull, with the
 *  background's weight). */
function offTopicEvidence(scores: ArrayLike<number>, positives: readonly number[], anchored: boolean): (j: number) => boolean {
  const positive = new Set(positives);
  if (!anchored) return (j) => !positive.has(j);
  const cutoff = onTopicCutoff(scores.length - positive.size, BACKGROUND_WEIGHT);
  return (j) => !positive.has(j) && scores[j] < cutoff;
}

/** Implicit likes for the next round (score/implicit-likes.ts: posts their best interest is sure of), plus
 *  the real likes; never a post the user disliked for that interest. */
function seeds(current: Calibrated[], initial: Calibrated[], n: number, feedback: { liked: number[] }[], rejected: Set<number>[]): number[][] {
  const out = feedback.map((f) => [...f.liked]);
  const taken = out.map((list) => new Set(list));
  for (let j = 0; j < n; j++) {
    let best = -1;
    let bestScore = -Infinity;
    let second = -Infinity;
    current.forEach((c, i) => {
      const s = c.score[j];
      if (s > bestScore) [second, best, bestScore] = [bestScore, i, s];
      else if (s > second) second = s;
    });
    if (best < 0 || rejected[best].has(j) || taken[best].has(j)) continue;
    // The views of the interest as written: anchored, so the rounds cannot drift away from it.
    const first = initial[best];
    if (isImplicitLike(bestScore, second, first.semantic[j], first.lexical[j])) out[best].push(j);
  }
  return out;
}

function hasEvidence(post: AnalyzedPost, interestTerms: readonly SparseVector[], terms: SparseVector): boolean {
  if (post.vector.some((x) => x !== 0)) return true;
  return interestTerms.some((q) => sparseDot(q, terms) > 0);
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export type { InterestTerm };
