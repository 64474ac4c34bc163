// Every interest's calibration in one table: the matcher's hot loop at 300k interests cannot
// afford a CalibrationState object per interest per batch (calibrationOf allocates ~10 objects,
// BatchObservation one per lexical hit: ~1 µs per interest, ~0.3 s per batch). Here the same
// state (calibration-state.ts's CalibrationState) lives in parallel Float64Arrays, one row per
// interest; per batch, `prepare` computes a row's distributions and kernel floor with the very
// formulas of calibrationOf / calibratedScore / semanticFloor (same operations in the same
// order: calibration-table.test.ts checks they agree to the last bit), and pairs are folded in
// with Welford updates in place (the same values as BatchObservation, merged in another order:
// equal up to rounding). CalibrationState objects are only made on demand (saving,
// back-scoring, feedback).

import { COMBINED_PRIOR, LEXICAL_PRIOR, LEXICAL_WEIGHT, PRIOR_WEIGHT } from '../batch.ts';
import type { Distribution } from '../score/calibration.ts';
import type { Calibration, CalibrationState } from './calibration-state.ts';
import type { RunningMoments } from './running-moments.ts';

const MIN_STD = 1e-6;

/** Field names of the per-row Float64Arrays (state, stream cosine moments, prior, batch constants). */
const FIELDS = [
  // CalibrationState: lexical moments over every post, Σ c·ℓ, and their on-topic part.
  'lexN', 'lexMean', 'lexM2', 'cross', 'onCosN', 'onCosMean', 'onCosM2', 'onLexN', 'onLexMean', 'onLexM2', 'onCross',
  // Moments of the cosine over every stream post, as of the row's last refresh (n < 0: none yet).
  'streamN', 'streamMean', 'streamM2',
  // The semantic prior (the embedder's background, or isotropic) and its weight in posts.
  'priorMean', 'priorStd', 'priorWeight',
  // The row's distributions for the batch being scored (std clamped at MIN_STD), from prepare().
  'semMean', 'semStd', 'lexDistMean', 'lexDistStd', 'rawMean', 'rawStd',
  // The interest's threshold and the kernel's fused threshold as last written.
  'threshold', 'kernelFloor',
] as const;

export class CalibrationTable {
  capacity = 0;
  lexN = new Float64Array(0); lexMean = new Float64Array(0); lexM2 = new Float64Array(0); cross = new Float64Array(0);
  onCosN = new Float64Array(0); onCosMean = new Float64Array(0); onCosM2 = new Float64Array(0);
  onLexN = new Float64Array(0); onLexMean = new Float64Array(0); onLexM2 = new Float64Array(0); onCross = new Float64Array(0);
  streamN = new Float64Array(0); streamMean = new Float64Array(0); streamM2 = new Float64Array(0);
  priorMean = new Float64Array(0); priorStd = new Float64Array(0); priorWeight = new Float64Array(0);
  semMean = new Float64Array(0); semStd = new Float64Array(0); lexDistMean = new Float64Array(0); lexDistStd = new Float64Array(0);
  rawMean = new Float64Array(0); rawStd = new Float64Array(0);
  threshold = new Float64Array(0); kernelFloor = new Float64Array(0);
  /** Lexical hits of the batch being scored (the rest of its posts are zeros). */
  batchHits = new Int32Array(0);

  constructor(capacity = 1024) {
    this.ensure(capacity);
  }

  /** Room for rows [0, rows); grows by doubling, keeping every value. */
  ensure(rows: number): void {
    if (rows <= this.capacity) return;
    const capacity = Math.max(rows, this.capacity * 2, 1024);
    for (const f of FIELDS) {
      const grown = new Float64Array(capacity);
      grown.set(this[f]);
      this[f] = grown;
    }
    const hits = new Int32Array(capacity);
    hits.set(this.batchHits);
    this.batchHits = hits;
    this.capacity = capacity;
  }

  /** A fresh row: the given state, no stream moments yet. */
  reset(row: number, state: CalibrationState, prior: Distribution, priorWeight: number, threshold: number): void {
    this.setState(row, state);
    this.streamN[row] = -1;
    this.priorMean[row] = prior.mean;
    this.priorStd[row] = prior.std;
    this.priorWeight[row] = priorWeight;
    this.threshold[row] = threshold;
    this.kernelFloor[row] = -Infinity;
    this.batchHits[row] = 0;
  }

  setState(row: number, s: CalibrationState): void {
    this.lexN[row] = s.lexical.n; this.lexMean[row] = s.lexical.mean; this.lexM2[row] = s.lexical.m2;
    this.cross[row] = s.cross;
    const o = s.onTopic;
    this.onCosN[row] = o.cosine.n; this.onCosMean[row] = o.cosine.mean; this.onCosM2[row] = o.cosine.m2;
    this.onLexN[row] = o.lexical.n; this.onLexMean[row] = o.lexical.mean; this.onLexM2[row] = o.lexical.m2;
    this.onCross[row] = o.cross;
  }

  /** The row's state as a plain CalibrationState (a copy). */
  stateOf(row: number): CalibrationState {
    return {
      lexical: { n: this.lexN[row], mean: this.lexMean[row], m2: this.lexM2[row] },
      cross: this.cross[row],
      onTopic: {
        cosine: { n: this.onCosN[row], mean: this.onCosMean[row], m2: this.onCosM2[row] },
        lexical: { n: this.onLexN[row], mean: this.onLexMean[row], m2: this.onLexM2[row] },
        cross: this.onCross[row],
      },
    };
  }

  hasStream(row: number): boolean {
    return this.streamN[row] >= 0;
  }

  setStream(row: number, m: RunningMoments): void {
    this.streamN[row] = m.n; this.streamMean[row] = m.mean; this.streamM2[row] = m.m2;
  }

  streamOf(row: number): RunningMoments {
    return { n: this.streamN[row], mean: this.streamMean[row], m2: this.streamM2[row] };
  }

  priorOf(row: number): { distribution: Distribution; weight: number } {
    return { distribution: { mean: this.priorMean[row], std: this.priorStd[row] }, weight: this.priorWeight[row] };
  }

  /**
   * The row's distributions now (calibrationOf, with the prior and stream moments held here),
   * kept for the batch's scores; returns the least cosine at which a post sharing no term with
   * the interest reaches `floor` (semanticFloor). Needs the row's stream moments.
   */
  prepare(row: number, floor: number): number {
    // remove(stream, onTopic.cosine): the off-topic cosines.
    const sn = this.streamN[row], sMean = this.streamMean[row], sM2 = this.streamM2[row];
    const on = this.onCosN[row];
    let cN = sn, cMean = sMean, cM2 = sM2;
    if (on !== 0) {
      const n = sn - on;
      if (n <= 0) { cN = 0; cMean = 0; cM2 = 0; }
      else {
        const onMean = this.onCosMean[row];
        const mean = (sn * sMean - on * onMean) / n;
        const delta = onMean - mean;
        cN = n; cMean = mean; cM2 = Math.max(0, sM2 - this.onCosM2[row] - (delta * delta * n * on) / sn);
      }
    }
    const cVariance = cN > 0 ? cM2 / cN : 0;
    // blend(prior, priorWeight, asSample(off-topic cosines))
    let semMean: number, semStd: number;
    {
      const pm = this.priorMean[row], ps = this.priorStd[row], w = this.priorWeight[row];
      const std = Math.sqrt(cVariance);
      const total = w + cN;
      if (total === 0) { semMean = pm; semStd = ps; }
      else {
        semMean = (w * pm + cN * cMean) / total;
        semStd = Math.sqrt((w * (ps ** 2 + (pm - semMean) ** 2) + cN * (std ** 2 + (cMean - semMean) ** 2)) / total);
      }
    }
    // blend(LEXICAL_PRIOR, PRIOR_WEIGHT, asSample(lexical))
    const lN = this.lexN[row], lMean = this.lexMean[row], lM2 = this.lexM2[row];
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
    const onL = this.onLexN[row];
    let oN = lN, oMean = lMean, oM2 = lM2;
    if (onL !== 0) {
      const n = lN - onL;
      if (n <= 0) { oN = 0; oMean = 0; oM2 = 0; }
      else {
        const onMean = this.onLexMean[row];
        const mean = (lN * lMean - onL * onMean) / n;
        const delta = onMean - mean;
        oN = n; oMean = mean; oM2 = Math.max(0, lM2 - this.onLexM2[row] - (delta * delta * n * onL) / lN);
      }
    }
    const ss = Math.max(semStd, MIN_STD), sl = Math.max(lexStd, MIN_STD);
    let rN = 0, rMean = 0, rStd = 0;
    if (oN > 0) {
      const cov = (this.cross[row] - this.onCross[row]) / oN - cMean * oMean;
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
    this.semMean[row] = semMean; this.semStd[row] = ss;
    this.lexDistMean[row] = lexMean; this.lexDistStd[row] = sl;
    this.rawMean[row] = rawMean; this.rawStd[row] = sr;
    // semanticFloor
    const rawFloor = rawMean + floor * sr;
    const zl0 = (0 - lexMean) / sl;
    return semMean + ss * (rawFloor - LEXICAL_WEIGHT * zl0);
  }

  /** The distributions prepare() left for the row (the Calibration the batch scores with). */
  calibration(row: number): Calibration {
    return {
      semantic: { mean: this.semMean[row], std: this.semStd[row] },
      lexical: { mean: this.lexDistMean[row], std: this.lexDistStd[row] },
      raw: { mean: this.rawMean[row], std: this.rawStd[row] },
    };
  }

  /** calibratedScore's score with the prepared distributions. */
  score(row: number, cosine: number, lexical: number): number {
    const zs = (cosine - this.semMean[row]) / this.semStd[row];
    const zl = (lexical - this.lexDistMean[row]) / this.lexDistStd[row];
    return (zs + LEXICAL_WEIGHT * zl - this.rawMean[row]) / this.rawStd[row];
  }

  /** One candidate pair of the batch (BatchObservation.add, in place): lexical hits join the
   *  lexical moments now, the batch's zeros at endBatch; on-topic pairs join the on-topic part. */
  observe(row: number, cosine: number, lexical: number, onTopic: boolean): void {
    if (lexical !== 0) {
      this.batchHits[row]++;
      const n = this.lexN[row] + 1, d = lexical - this.lexMean[row], mean = this.lexMean[row] + d / n;
      this.lexN[row] = n; this.lexMean[row] = mean; this.lexM2[row] += d * (lexical - mean);
      this.cross[row] += cosine * lexical;
    }
    if (onTopic) {
      const n = this.onCosN[row] + 1, d = cosine - this.onCosMean[row], mean = this.onCosMean[row] + d / n;
      this.onCosN[row] = n; this.onCosMean[row] = mean; this.onCosM2[row] += d * (cosine - mean);
      const m = this.onLexN[row] + 1, e = lexical - this.onLexMean[row], lmean = this.onLexMean[row] + e / m;
      this.onLexN[row] = m; this.onLexMean[row] = lmean; this.onLexM2[row] += e * (lexical - lmean);
      this.onCross[row] += cosine * lexical;
    }
  }

  /** The batch's `posts` posts are all in: every post that was no lexical hit adds a zero. */
  endBatch(row: number, posts: number): void {
    const hits = this.batchHits[row];
    this.batchHits[row] = 0;
    const zeros = posts - hits;
    if (zeros < 0) throw new RangeError(`CalibrationTable.endBatch: ${hits} lexical hits but only ${posts} posts (row ${row})`);
    if (zeros === 0) return;
    // merge(lexical, constant(zeros))
    const n0 = this.lexN[row];
    if (n0 === 0) { this.lexN[row] = zeros; this.lexMean[row] = 0; this.lexM2[row] = 0; return; }
    const n = n0 + zeros, delta = 0 - this.lexMean[row];
    this.lexMean[row] = this.lexMean[row] + (delta * zeros) / n;
    this.lexM2[row] = this.lexM2[row] + 0 + (delta * delta * n0 * zeros) / n;
    this.lexN[row] = n;
  }

  /** Forgets the pairs a batch gave a row that was replaced mid-scan (its state was reset). */
  dropBatch(row: number): void {
    this.batchHits[row] = 0;
  }
}
