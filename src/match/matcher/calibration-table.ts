// Every interest's calibration in one table: the matcher's hot loop at 300k interests cannot
// afford a CalibrationState object per interest per batch (calibrationOf allocates ~10 objects,
// BatchObservation one per lexical hit: ~1 µs per interest, ~0.3 s per batch). Here the same
// state (calibration-state.ts's CalibrationState) lives in one Float64Array, a block of ROW
// numbers per interest; per batch, `prepare` computes a row's distributions and kernel floor
// with the very formulas of calibrationOf / calibratedScore / semanticFloor (same operations in
// the same order: calibration-table.test.ts checks they agree to the last bit), and pairs are
// folded in with Welford updates in place (the same values as BatchObservation, merged in
// another order: equal up to rounding). CalibrationState objects are only made on demand
// (saving, back-scoring, feedback).
//
// One block per row, not one array per field: a candidate pair reads and writes ~20 numbers of
// its interest, and at 300k interests separate arrays meant ~20 cache misses per pair; in one
// 256-byte block the fields a pair touches share its cache lines. What only prepare() reads
// (stream moments, prior, kernel floor) is in a second, cold table.

import { COMBINED_PRIOR, LEXICAL_PRIOR, LEXICAL_WEIGHT, PRIOR_WEIGHT } from '../batch.ts';
import type { Distribution } from '../score/calibration.ts';
import { observeMedianAt, RUNNING_MEDIAN_SIZE, type RunningMedian } from '../score/running-median.ts';
import type { Calibration, CalibrationState } from './calibration-state.ts';
import type { RunningMoments } from './running-moments.ts';

const MIN_STD = 1e-6;

/** Numbers per row (256 bytes). */
export const ROW = 32;
// The row's distributions for the batch being scored (std clamped at MIN_STD), from prepare().
export const SEM_MEAN = 0, SEM_STD = 1, LEX_DIST_MEAN = 2, LEX_DIST_STD = 3, RAW_MEAN = 4, RAW_STD = 5;
/** The interest's threshold: what a pair must reach to match (storage and aboveThreshold). */
export const THRESHOLD = 6;
/** Lexical hits of the batch being scored (the rest of its posts are zeros). */
const BATCH_HITS = 7;
// CalibrationState: lexical moments over every post, Σ c·ℓ, and their on-topic part.
const LEX_N = 8, LEX_MEAN = 9, LEX_M2 = 10, CROSS = 11;
const ON_COS_N = 12, ON_COS_MEAN = 13, ON_COS_M2 = 14, ON_LEX_N = 15, ON_LEX_MEAN = 16, ON_LEX_M2 = 17, ON_CROSS = 18;
/** Free for the table's user, next to the hot fields: the matcher keeps its per-post scratch
 *  (the post's ℓ and stamps), the row's generation, its interest id and terms here. */
export const USER_0 = 19, USER_1 = 20, USER_2 = 21, USER_3 = 22, USER_4 = 23, USER_5 = 24, USER_6 = 25;
/** Running median of the scores at or above the null threshold (running-median.ts: n, median,
 *  spread): the interest's typical match, part of its CalibrationState. */
export const MATCHES = 26;
/** The threshold the calibration and the candidates are kept on: the null threshold moved by
 *  feedback, never by the midpoint (a raised threshold would let the interest's own posts back
 *  into its off-topic moments: wider spread, lower scores, lower median, lower threshold). */
export const CALIBRATION_THRESHOLD = MATCHES + RUNNING_MEDIAN_SIZE;
/** Numbers per row of the cold part (read once per batch by prepare(), in row order). */
const COLD = 8;
// Moments of the cosine over every stream post, as of the row's last refresh (n < 0: none yet).
const STREAM_N = 0, STREAM_MEAN = 1, STREAM_M2 = 2;
// The semantic prior (the embedder's background, or isotropic) and its weight in posts.
const PRIOR_MEAN = 3, PRIOR_STD = 4, PRIOR_WEIGHT_AT = 5;
/** The kernel's fused threshold as last written. */
const KERNEL_FLOOR = 6;

export class CalibrationTable {
  /** Rows × ROW numbers; row r's fields at r * ROW + field. Replaced when the table grows. */
  data = new Float64Array(0);
  /** What a pair never reads (stream moments, prior, kernel floor): rows × COLD numbers. */
  cold = new Float64Array(0);
  capacity = 0;

  constructor(capacity = 1024) {
    this.ensure(capacity);
  }

  /** Room for rows [0, rows); grows by doubling, keeping every value. */
  ensure(rows: number): void {
    if (rows <= this.capacity) return;
    const capacity = Math.max(rows, this.capacity * 2, 1024);
    const grown = new Float64Array(capacity * ROW);
    grown.set(this.data);
    this.data = grown;
    const cold = new Float64Array(capacity * COLD);
    cold.set(this.cold);
    this.cold = cold;
    this.capacity = capacity;
  }

  /** A fresh row: the given state, no stream moments yet (the USER fields are left alone). */
  reset(row: number, state: CalibrationState, prior: Distribution, priorWeight: number, threshold: number): void {
    this.setState(row, state);
    const d = this.data, r = row * ROW, c = this.cold, k = row * COLD;
    c[k + STREAM_N] = -1;
    c[k + PRIOR_MEAN] = prior.mean;
    c[k + PRIOR_STD] = prior.std;
    c[k + PRIOR_WEIGHT_AT] = priorWeight;
    c[k + KERNEL_FLOOR] = -Infinity;
    d[r + THRESHOLD] = threshold;
    d[r + CALIBRATION_THRESHOLD] = threshold;
    d[r + BATCH_HITS] = 0;
  }

  setState(row: number, s: CalibrationState): void {
    const d = this.data, r = row * ROW, o = s.onTopic;
    d[r + LEX_N] = s.lexical.n; d[r + LEX_MEAN] = s.lexical.mean; d[r + LEX_M2] = s.lexical.m2;
    d[r + CROSS] = s.cross;
    d[r + ON_COS_N] = o.cosine.n; d[r + ON_COS_MEAN] = o.cosine.mean; d[r + ON_COS_M2] = o.cosine.m2;
    d[r + ON_LEX_N] = o.lexical.n; d[r + ON_LEX_MEAN] = o.lexical.mean; d[r + ON_LEX_M2] = o.lexical.m2;
    d[r + ON_CROSS] = o.cross;
    d[r + MATCHES] = s.matches.n; d[r + MATCHES + 1] = s.matches.median; d[r + MATCHES + 2] = s.matches.spread;
  }

  /** The row's state as a plain CalibrationState (a copy). */
  stateOf(row: number): CalibrationState {
    const d = this.data, r = row * ROW;
    return {
      lexical: { n: d[r + LEX_N], mean: d[r + LEX_MEAN], m2: d[r + LEX_M2] },
      cross: d[r + CROSS],
      onTopic: {
        cosine: { n: d[r + ON_COS_N], mean: d[r + ON_COS_MEAN], m2: d[r + ON_COS_M2] },
        lexical: { n: d[r + ON_LEX_N], mean: d[r + ON_LEX_MEAN], m2: d[r + ON_LEX_M2] },
        cross: d[r + ON_CROSS],
      },
      matches: this.matchesOf(row),
    };
  }

  /** The running median of the row's scores at or above the null threshold (a copy). */
  matchesOf(row: number): RunningMedian {
    const d = this.data, r = row * ROW;
    return { n: d[r + MATCHES], median: d[r + MATCHES + 1], spread: d[r + MATCHES + 2] };
  }

  /** Posts the row's lexical moments hold (every post since its reset, this batch's lexical hits
   *  included once observed). */
  postsOf(row: number): number { return this.data[row * ROW + LEX_N]; }

  /** One score at or above the null threshold joins the running median (in place). */
  observeMatch(row: number, score: number): void {
    observeMedianAt(this.data, row * ROW + MATCHES, score);
  }

  threshold(row: number): number { return this.data[row * ROW + THRESHOLD]; }
  setThreshold(row: number, threshold: number): void { this.data[row * ROW + THRESHOLD] = threshold; }
  /** The threshold without the midpoint (CALIBRATION_THRESHOLD); reset() sets both. */
  calibrationThreshold(row: number): number { return this.data[row * ROW + CALIBRATION_THRESHOLD]; }
  setCalibrationThreshold(row: number, threshold: number): void { this.data[row * ROW + CALIBRATION_THRESHOLD] = threshold; }
  kernelFloor(row: number): number { return this.cold[row * COLD + KERNEL_FLOOR]; }
  setKernelFloor(row: number, floor: number): void { this.cold[row * COLD + KERNEL_FLOOR] = floor; }

  /** Posts the stream had when the row's cosine moments were computed (−1: never). */
  streamAt(row: number): number { return this.cold[row * COLD + STREAM_N]; }
  hasStream(row: number): boolean { return this.streamAt(row) >= 0; }

  setStream(row: number, m: RunningMoments): void {
    this.setStreamMoments(row, m.n, m.mean, m.m2);
  }

  setStreamMoments(row: number, n: number, mean: number, m2: number): void {
    const c = this.cold, k = row * COLD;
    c[k + STREAM_N] = n; c[k + STREAM_MEAN] = mean; c[k + STREAM_M2] = m2;
  }

  streamOf(row: number): RunningMoments {
    const c = this.cold, k = row * COLD;
    return { n: c[k + STREAM_N], mean: c[k + STREAM_MEAN], m2: c[k + STREAM_M2] };
  }

  priorOf(row: number): { distribution: Distribution; weight: number } {
    const c = this.cold, k = row * COLD;
    return { distribution: { mean: c[k + PRIOR_MEAN], std: c[k + PRIOR_STD] }, weight: c[k + PRIOR_WEIGHT_AT] };
  }

  /**
   * The row's distributions now (calibrationOf, with the prior and stream moments held here),
   * kept for the batch's scores; returns the least cosine at which a post sharing no term with
   * the interest reaches `floor` (semanticFloor). Needs the row's stream moments.
   */
  prepare(row: number, floor: number): number {
    const d = this.data, r = row * ROW, cold = this.cold, k = row * COLD;
    // remove(stream, onTopic.cosine): the off-topic cosines.
    const sn = cold[k + STREAM_N], sMean = cold[k + STREAM_MEAN], sM2 = cold[k + STREAM_M2];
    const on = d[r + ON_COS_N];
    let cN = sn, cMean = sMean, cM2 = sM2;
    if (on !== 0) {
      const n = sn - on;
      if (n <= 0) { cN = 0; cMean = 0; cM2 = 0; }
      else {
        const onMean = d[r + ON_COS_MEAN];
        const mean = (sn * sMean - on * onMean) / n;
        const delta = onMean - mean;
        cN = n; cMean = mean; cM2 = Math.max(0, sM2 - d[r + ON_COS_M2] - (delta * delta * n * on) / sn);
      }
    }
    const cVariance = cN > 0 ? cM2 / cN : 0;
    // blend(prior, priorWeight, asSample(off-topic cosines))
    let semMean: number, semStd: number;
    {
      const pm = cold[k + PRIOR_MEAN], ps = cold[k + PRIOR_STD], w = cold[k + PRIOR_WEIGHT_AT];
      const std = Math.sqrt(cVariance);
      const total = w + cN;
      if (total === 0) { semMean = pm; semStd = ps; }
      else {
        semMean = (w * pm + cN * cMean) / total;
        semStd = Math.sqrt((w * (ps ** 2 + (pm - semMean) ** 2) + cN * (std ** 2 + (cMean - semMean) ** 2)) / total);
      }
    }
    // blend(LEXICAL_PRIOR, PRIOR_WEIGHT, asSample(lexical))
    const lN = d[r + LEX_N], lMean = d[r + LEX_MEAN], lM2 = d[r + LEX_M2];
    let lexMean: number, lexStd: number;
    {
      const pm = LEXICAL_PRIOR.mean, ps = LEXICAL_PRIOR.std, w = PRIOR_WEIGHT;
      const std = Math.sqrt(lN > 0 ? lM2 / lN : 0);
      const total = w + lN;
      if (total === 0) { lexMean = pm; lexStd = ps; }
      else {
        lexMean = (w * pm + lN * lMean) / total;
        lexStd = Math.sqrt((w * (ps ** 2 + (pm - lexMean) ** 2) + lN * (std ** 2 + (lMean - lexMean) ** 2)) / total);
      }
    }
    // remove(lexical, onTopic.lexical): the off-topic lexical values.
    const onL = d[r + ON_LEX_N];
    let oN = lN, oMean = lMean, oM2 = lM2;
    if (onL !== 0) {
      const n = lN - onL;
      if (n <= 0) { oN = 0; oMean = 0; oM2 = 0; }
      else {
        const onMean = d[r + ON_LEX_MEAN];
        const mean = (lN * lMean - onL * onMean) / n;
        const delta = onMean - mean;
        oN = n; oMean = mean; oM2 = Math.max(0, lM2 - d[r + ON_LEX_M2] - (delta * delta * n * onL) / lN);
      }
    }
    const ss = Math.max(semStd, MIN_STD), sl = Math.max(lexStd, MIN_STD);
    let rN = 0, rMean = 0, rStd = 0;
    if (oN > 0) {
      const cov = (d[r + CROSS] - d[r + ON_CROSS]) / oN - cMean * oMean;
      const mean = (cMean - semMean) / ss + (LEXICAL_WEIGHT * (oMean - lexMean)) / sl;
      const v = cVariance / ss ** 2 + (LEXICAL_WEIGHT ** 2 * (oM2 / oN)) / sl ** 2 + (2 * LEXICAL_WEIGHT * cov) / (ss * sl);
      rN = oN; rMean = mean; rStd = Math.sqrt(Math.max(v, 0));
    }
    // blend(COMBINED_PRIOR, PRIOR_WEIGHT, raw sample)
    let rawMean: number, rawStd: number;
    {
      const pm = COMBINED_PRIOR.mean, ps = COMBINED_PRIOR.std, w = PRIOR_WEIGHT;
      const total = w + rN;
      if (total === 0) { rawMean = pm; rawStd = ps; }
      else {
        rawMean = (w * pm + rN * rMean) / total;
        rawStd = Math.sqrt((w * (ps ** 2 + (pm - rawMean) ** 2) + rN * (rStd ** 2 + (rMean - rawMean) ** 2)) / total);
      }
    }
    const sr = Math.max(rawStd, MIN_STD);
    d[r + SEM_MEAN] = semMean; d[r + SEM_STD] = ss;
    d[r + LEX_DIST_MEAN] = lexMean; d[r + LEX_DIST_STD] = sl;
    d[r + RAW_MEAN] = rawMean; d[r + RAW_STD] = sr;
    return this.cosineAt(row, floor);
  }

  /** The least cosine at which a post sharing no term with the interest (ℓ = 0) scores `level`
   *  with the distributions prepare() left (semanticFloor: the score rises with the cosine). */
  cosineAt(row: number, level: number): number {
    const d = this.data, r = row * ROW;
    const rawFloor = d[r + RAW_MEAN] + level * d[r + RAW_STD];
    const zl0 = (0 - d[r + LEX_DIST_MEAN]) / d[r + LEX_DIST_STD];
    return d[r + SEM_MEAN] + d[r + SEM_STD] * (rawFloor - LEXICAL_WEIGHT * zl0);
  }

  /** The distributions prepare() left for the row (the Calibration the batch scores with). */
  calibration(row: number): Calibration {
    const d = this.data, r = row * ROW;
    return {
      semantic: { mean: d[r + SEM_MEAN], std: d[r + SEM_STD] },
      lexical: { mean: d[r + LEX_DIST_MEAN], std: d[r + LEX_DIST_STD] },
      raw: { mean: d[r + RAW_MEAN], std: d[r + RAW_STD] },
    };
  }

  /** calibratedScore's score with the prepared distributions. */
  score(row: number, cosine: number, lexical: number): number {
    const d = this.data, r = row * ROW;
    const zs = (cosine - d[r + SEM_MEAN]) / d[r + SEM_STD];
    const zl = (lexical - d[r + LEX_DIST_MEAN]) / d[r + LEX_DIST_STD];
    return (zs + LEXICAL_WEIGHT * zl - d[r + RAW_MEAN]) / d[r + RAW_STD];
  }

  /** One candidate pair of the batch (BatchObservation.add, in place): lexical hits join the
   *  lexical moments now, the batch's zeros at endBatch; on-topic pairs join the on-topic part. */
  observe(row: number, cosine: number, lexical: number, onTopic: boolean): void {
    const d = this.data, r = row * ROW;
    if (lexical !== 0) {
      d[r + BATCH_HITS]++;
      const n = d[r + LEX_N] + 1, delta = lexical - d[r + LEX_MEAN], mean = d[r + LEX_MEAN] + delta / n;
      d[r + LEX_N] = n; d[r + LEX_MEAN] = mean; d[r + LEX_M2] += delta * (lexical - mean);
      d[r + CROSS] += cosine * lexical;
    }
    if (onTopic) {
      const n = d[r + ON_COS_N] + 1, delta = cosine - d[r + ON_COS_MEAN], mean = d[r + ON_COS_MEAN] + delta / n;
      d[r + ON_COS_N] = n; d[r + ON_COS_MEAN] = mean; d[r + ON_COS_M2] += delta * (cosine - mean);
      const m = d[r + ON_LEX_N] + 1, e = lexical - d[r + ON_LEX_MEAN], lmean = d[r + ON_LEX_MEAN] + e / m;
      d[r + ON_LEX_N] = m; d[r + ON_LEX_MEAN] = lmean; d[r + ON_LEX_M2] += e * (lexical - lmean);
      d[r + ON_CROSS] += cosine * lexical;
    }
  }

  /** `count` on-topic pairs sharing no term with the interest, given as the moments of their
   *  cosines (mean, m2), that a scan tallied instead of listing (kernel/pair-tally.ts): what
   *  `count` calls of observe(row, c, 0, true) add, merged at once (Chan): equal up to rounding. */
  observeTally(row: number, count: number, mean: number, m2: number): void {
    if (count <= 0) return;
    const d = this.data, r = row * ROW;
    const n0 = d[r + ON_COS_N], n = n0 + count;
    const delta = mean - d[r + ON_COS_MEAN];
    d[r + ON_COS_MEAN] += (delta * count) / n;
    d[r + ON_COS_M2] += m2 + (delta * delta * n0 * count) / n;
    d[r + ON_COS_N] = n;
    // Their ℓ is 0: `count` zeros join the on-topic lexical moments (Σ c·ℓ does not move).
    const l0 = d[r + ON_LEX_N], ln = l0 + count, e = 0 - d[r + ON_LEX_MEAN];
    d[r + ON_LEX_MEAN] += (e * count) / ln;
    d[r + ON_LEX_M2] += (e * e * l0 * count) / ln;
    d[r + ON_LEX_N] = ln;
  }

  /** The batch's `posts` posts are all in: every post that was no lexical hit adds a zero. */
  endBatch(row: number, posts: number): void {
    const d = this.data, r = row * ROW;
    const hits = d[r + BATCH_HITS];
    d[r + BATCH_HITS] = 0;
    const zeros = posts - hits;
    if (zeros < 0) throw new RangeError(`CalibrationTable.endBatch: ${hits} lexical hits but only ${posts} posts (row ${row})`);
    if (zeros === 0) return;
    // merge(lexical, constant(zeros))
    const n0 = d[r + LEX_N];
    if (n0 === 0) { d[r + LEX_N] = zeros; d[r + LEX_MEAN] = 0; d[r + LEX_M2] = 0; return; }
    const n = n0 + zeros, delta = 0 - d[r + LEX_MEAN];
    d[r + LEX_MEAN] = d[r + LEX_MEAN] + (delta * zeros) / n;
    d[r + LEX_M2] = d[r + LEX_M2] + 0 + (delta * delta * n0 * zeros) / n;
    d[r + LEX_N] = n;
  }
}
