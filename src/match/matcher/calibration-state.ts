// One interest's streaming calibration: what turns its two raw signals for a post — cosine c
// of the embeddings, lexical ℓ = TF-IDF dot product — into a score with one meaning for every
// interest, exactly as the batch reference does (match/batch.ts, `calibrate`):
//
//   score = standard deviations above the interest's typical off-topic post.
//
// z_s = (c − μs)/σs and z_l = (ℓ − μl)/σl against the interest's off-topic posts, blended with
// priors (the embedder's shipped background for the semantic side, LEXICAL_PRIOR for the
// lexical one), then raw = z_s + z_l standardised the same way against COMBINED_PRIOR.
//
// What the stream contributes, without ever computing every (post, interest) pair:
//  - semantic: the cosine moments over ALL posts come in closed form from the stream's vector
//    moments (vector-moments.ts); the interest's own on-topic posts (those that reached its
//    threshold — the scan sees every one of them) are removed from them exactly;
//  - lexical: ℓ is 0 for every post that shares no term with the interest, so the moments are
//    exact from the inverted index's hits plus a count of zeros (Welford + Chan's merge);
//  - combined: mean and variance of raw follow from those two and Σ c·ℓ, which is again
//    non-zero only on lexical hits (whose exact cosine the matcher fetches anyway).
// The batch uses median and lower-half spread for robustness to on-topic posts; here the
// on-topic posts are excluded by the threshold instead (a stream cannot keep every value to
// take quantiles), which is the same for a normal null.
//
// Pure functions on a plain, JSON-serialisable state.

import { BACKGROUND_WEIGHT, COMBINED_PRIOR, LEXICAL_PRIOR, LEXICAL_WEIGHT, PRIOR_WEIGHT } from '../batch.ts';
import { blend, zScore, type Distribution } from '../score/calibration.ts';
import { EMPTY_RUNNING_MEDIAN, type RunningMedian } from '../score/running-median.ts';
import { addValue, constant, EMPTY_MOMENTS, isMoments, merge, remove, variance, type RunningMoments } from './running-moments.ts';

export interface CalibrationState {
  /** ℓ over every post since the interest joined (or was last reset), zeros included. */
  lexical: RunningMoments;
  /** Σ c·ℓ over the same posts (only lexical hits contribute). */
  cross: number;
  /** The part of the above that came from on-topic posts (scored near or above the threshold), with their cosines. */
  onTopic: { cosine: RunningMoments; lexical: RunningMoments; cross: number };
  /** Running median of the scores at or above the null threshold since the same reset: the
   *  interest's typical match, which raises its threshold to the midpoint (midpoint-threshold.ts). */
  matches: RunningMedian;
}

export const EMPTY_CALIBRATION: CalibrationState = Object.freeze({
  lexical: EMPTY_MOMENTS,
  cross: 0,
  onTopic: Object.freeze({ cosine: EMPTY_MOMENTS, lexical: EMPTY_MOMENTS, cross: 0 }),
  matches: EMPTY_RUNNING_MEDIAN,
});

/** The distributions a post's signals are compared with, at one moment of the stream. */
export interface Calibration {
  semantic: Distribution;
  lexical: Distribution;
  raw: Distribution;
}

/** A post's calibrated evidence for one interest. */
export interface CalibratedScore {
  /** Standard deviations above the interest's typical off-topic post. */
  score: number;
  /** z of the cosine. */
  semantic: number;
  /** z of the lexical signal. */
  lexical: number;
}

const MIN_STD = 1e-6;
const std = (d: Distribution): number => Math.max(d.std, MIN_STD);
const asSample = (m: RunningMoments) => ({ n: m.n, mean: m.mean, std: Math.sqrt(variance(m)) });

/**
 * The calibration of an interest from its state, the cosine moments of every stream post with
 * its vector (VectorMoments.cosineMoments) and, when the embedder ships one, the background's
 * cosine distribution (cosineStatistics). Blends as batch.ts does: the background weighs
 * BACKGROUND_WEIGHT posts (unless told otherwise), the other priors PRIOR_WEIGHT.
 */
export function calibrationOf(state: CalibrationState, streamCosines: RunningMoments, semanticPrior?: Distribution, priorWeight = BACKGROUND_WEIGHT): Calibration {
  const offTopicCosines = remove(streamCosines, state.onTopic.cosine);
  const semSample = asSample(offTopicCosines);
  const semantic = semanticPrior ? blend(semanticPrior, priorWeight, semSample) : semSample;
  // Over every post, on-topic ones included, as batch.ts does (rounds 0): ℓ is 0 for almost
  // every post, so without the posts that share terms its spread collapses and a single
  // incidental keyword would count as many standard deviations.
  const lexical = blend(LEXICAL_PRIOR, PRIOR_WEIGHT, asSample(state.lexical));

  // Moments of raw = z_s + w·z_l over the off-topic posts, in closed form.
  const offTopicLexical = remove(state.lexical, state.onTopic.lexical);
  const n = offTopicLexical.n;
  let rawSample = { n: 0, mean: 0, std: 0 };
  if (n > 0) {
    const ss = std(semantic), sl = std(lexical);
    const cov = (state.cross - state.onTopic.cross) / n - offTopicCosines.mean * offTopicLexical.mean;
    const mean = (offTopicCosines.mean - semantic.mean) / ss + (LEXICAL_WEIGHT * (offTopicLexical.mean - lexical.mean)) / sl;
    const v = variance(offTopicCosines) / ss ** 2 + (LEXICAL_WEIGHT ** 2 * variance(offTopicLexical)) / sl ** 2 + (2 * LEXICAL_WEIGHT * cov) / (ss * sl);
    rawSample = { n, mean, std: Math.sqrt(Math.max(v, 0)) };
  }
  const raw = blend(COMBINED_PRIOR, PRIOR_WEIGHT, rawSample);
  return { semantic, lexical, raw };
}

export function calibratedScore(cosine: number, lexical: number, c: Calibration): CalibratedScore {
  const zs = zScore(cosine, c.semantic, MIN_STD);
  const zl = zScore(lexical, c.lexical, MIN_STD);
  return { score: zScore(zs + LEXICAL_WEIGHT * zl, c.raw, MIN_STD), semantic: zs, lexical: zl };
}

/** calibratedScore's score alone, with the divisions done once: for the hot loop. */
export function scoreFunction(c: Calibration): (cosine: number, lexical: number) => number {
  const ss = std(c.semantic), sl = std(c.lexical) / LEXICAL_WEIGHT, sr = std(c.raw);
  const ms = c.semantic.mean, ml = c.lexical.mean, mr = c.raw.mean;
  return (cosine, lexical) => ((cosine - ms) / ss + (lexical - ml) / sl - mr) / sr;
}

/**
 * The least cosine at which a post that shares NO term with the interest (ℓ = 0) still scores
 * `floor`: score is increasing in c, so solving score(c, 0) = floor gives the kernel's fused
 * threshold. Posts that share a term are found by the inverted index whatever their cosine, so
 * no pair that could reach `floor` is ever dropped by the scan.
 */
export function semanticFloor(c: Calibration, floor: number): number {
  const rawFloor = c.raw.mean + floor * std(c.raw);
  const zl0 = zScore(0, c.lexical, MIN_STD);
  return c.semantic.mean + std(c.semantic) * (rawFloor - LEXICAL_WEIGHT * zl0);
}

/** What one batch of posts showed an interest: its candidate pairs and how many posts there were. */
export interface ObservedPair {
  cosine: number;
  lexical: number;
  /** Scored high enough to count as on topic: kept out of the off-topic distribution. */
  onTopic: boolean;
}

/**
 * The state after `posts` more posts, of which `pairs` are the interest's candidates (every
 * post on topic for it and every post sharing a term with it must be among them; other
 * candidates count as lexical zeros).
 */
export function observe(state: CalibrationState, posts: number, pairs: readonly ObservedPair[]): CalibrationState {
  const batch = new BatchObservation();
  for (const p of pairs) batch.add(p.cosine, p.lexical, p.onTopic);
  return batch.applyTo(state, posts);
}

/** What observe() folds in, gathered pair by pair without an object per pair (the matcher's
 *  hot loop sees hundreds of candidates per post). */
export class BatchObservation {
  #lexical: RunningMoments = EMPTY_MOMENTS;
  #cross = 0;
  #onCosine: RunningMoments = EMPTY_MOMENTS;
  #onLexical: RunningMoments = EMPTY_MOMENTS;
  #onCross = 0;
  #onTopicZeros = 0;

  add(cosine: number, lexical: number, onTopic: boolean): void {
    if (lexical !== 0) {
      this.#lexical = addValue(this.#lexical, lexical);
      this.#cross += cosine * lexical;
    }
    if (onTopic) {
      this.#onCosine = addValue(this.#onCosine, cosine);
      if (lexical !== 0) {
        this.#onLexical = addValue(this.#onLexical, lexical);
        this.#onCross += cosine * lexical;
      } else this.#onTopicZeros++;
    }
  }

  applyTo(state: CalibrationState, posts: number): CalibrationState {
    const zeros = posts - this.#lexical.n;
    if (zeros < 0) throw new RangeError(`observe: ${this.#lexical.n} lexical hits but only ${posts} posts`);
    const o = state.onTopic;
    return {
      lexical: merge(merge(state.lexical, this.#lexical), constant(zeros)),
      cross: state.cross + this.#cross,
      onTopic: {
        cosine: merge(o.cosine, this.#onCosine),
        lexical: merge(o.lexical, merge(this.#onLexical, constant(this.#onTopicZeros))),
        cross: o.cross + this.#onCross,
      },
      matches: state.matches,
    };
  }
}

/**
 * The state without one of the posts it observed, on the lexical side (lexical moments, Σ c·ℓ,
 * and their on-topic part): what scoring that post against its own window needs. A stream scores
 * each post before it joins the moments; back-scoring builds them from the window first, and in a
 * young window one on-topic post's ℓ is a large part of the lexical spread it is then measured
 * against (7 posts: 2.7 SDs back-scored, 10.6 streamed). The cosine side is left as it is: an
 * on-topic post is already out of the semantic null, and the stream's cosine moments are not the
 * state's to change.
 */
export function leaveOut(state: CalibrationState, pair: ObservedPair): CalibrationState {
  const one = addValue(EMPTY_MOMENTS, pair.lexical);
  const cross = pair.cosine * pair.lexical;
  const o = state.onTopic;
  return {
    lexical: remove(state.lexical, one),
    cross: state.cross - cross,
    onTopic: pair.onTopic ? { cosine: o.cosine, lexical: remove(o.lexical, one), cross: o.cross - cross } : o,
    matches: state.matches,
  };
}

/** A stored state, or undefined when it is not one (an older format, hand-edited JSON). A state
 *  saved before the running median of matches was kept has none yet: it starts empty. */
export function parseCalibrationState(x: unknown): CalibrationState | undefined {
  const s = x as CalibrationState;
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (typeof s !== 'object' || s === null || !isMoments(s.lexical) || !finite(s.cross)) return undefined;
  const o = s.onTopic;
  if (typeof o !== 'object' || o === null || !isMoments(o.cosine) || !isMoments(o.lexical) || !finite(o.cross)) return undefined;
  const m = s.matches as RunningMedian | undefined;
  let matches: RunningMedian = EMPTY_RUNNING_MEDIAN;
  if (m !== undefined) {
    if (typeof m !== 'object' || m === null || !finite(m.n) || m.n < 0 || !finite(m.median) || !finite(m.spread) || m.spread < 0) return undefined;
    matches = { n: m.n, median: m.median, spread: m.spread };
  }
  return { lexical: { ...s.lexical }, cross: s.cross, onTopic: { cosine: { ...o.cosine }, lexical: { ...o.lexical }, cross: o.cross }, matches };
}
