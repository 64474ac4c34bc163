// Per-interest calibration: a raw score (a cosine, a BM25 sum) means nothing across interests —
// a broad interest's cosines run higher than a narrow one's, a long keyword list's BM25 sums
// higher than a short one's. Each is turned into "standard deviations above this interest's
// typical off-topic post", from the interest's score distribution over the stream, blended
// with a prior (the embedder's shipped background) that steadies it while the stream is small.
// Measured (DESIGN.md, issue item 8): z-scoring against a 42-post batch alone loses ~15 AUC
// points against a 2,000-document background; the blend below needs no choice between them.

export interface Distribution {
  mean: number;
  std: number;
}

export interface Moments extends Distribution {
  /** Sample size behind the moments. */
  n: number;
}

/** Mean and standard deviation (population) of some values. */
export function moments(values: ArrayLike<number>, include?: (index: number) => boolean): Moments {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    if (include && !include(i)) continue;
    const x = values[i];
    n++;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  return { n, mean, std: n > 0 ? Math.sqrt(m2 / n) : 0 };
}

/**
 * A prior distribution worth `priorWeight` observations, updated by a sample: the pooled mean
 * and variance of the two (variances add their between-group term, as pooling does).
 */
export function blend(prior: Distribution, priorWeight: number, sample: Moments): Distribution {
  const total = priorWeight + sample.n;
  if (total === 0) return prior;
  const mean = (priorWeight * prior.mean + sample.n * sample.mean) / total;
  const variance =
    (priorWeight * (prior.std ** 2 + (prior.mean - mean) ** 2) + sample.n * (sample.std ** 2 + (sample.mean - mean) ** 2)) / total;
  return { mean, std: Math.sqrt(variance) };
}

/** Standard deviations above the distribution's mean. A degenerate distribution (all values
 *  equal) gets a unit floor relative to `minStd`, never a division by zero. */
export function zScore(x: number, d: Distribution, minStd = 1e-6): number {
  return (x - d.mean) / Math.max(d.std, minStd);
}

/** The normal quantile at 15.87%: one standard deviation below the mean. */
const ONE_SIGMA_BELOW = 0.15865525393145707;

/**
 * Location and spread of the off-topic posts among `values`, robust to the on-topic ones that
 * form its right tail: median, and the distance from the median down to the 15.87th
 * percentile (one standard deviation below, for a normal). Only the left half is used for the
 * spread, so up to half the posts can be on-topic without inflating it — an interest's own
 * posts never make its "typical post" look better than it is.
 */
export function offTopicMoments(values: ArrayLike<number>, include?: (index: number) => boolean): Moments {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!include || include(i)) kept.push(values[i]);
  const n = kept.length;
  if (n === 0) return { n: 0, mean: 0, std: 0 };
  kept.sort((a, b) => a - b);
  const quantile = (q: number): number => {
    const at = q * (n - 1);
    const lo = Math.floor(at);
    const hi = Math.min(lo + 1, n - 1);
    return kept[lo] + (kept[hi] - kept[lo]) * (at - lo);
  };
  const median = quantile(0.5);
  return { n, mean: median, std: median - quantile(ONE_SIGMA_BELOW) };
}

/** The normal quantile at 75%: a normal's median absolute deviation is this many SDs. */
const MAD_PER_SD = 0.6744897501960817;

/**
 * How many times wider the off-topic posts spread when both sides count than their lower half
 * says (offTopicMoments): the median absolute deviation from the median, as SDs, over the
 * lower-half spread; at least 1. The lower half is what a score's unit is made of (robust to
 * the interest's own posts), but the posts that cross a threshold come from the upper side,
 * where neighbouring topics sit: their posts share some of the interest's words and meaning
 * and spread the upper side wider. The median absolute deviation still ignores the top half of
 * the posts, so an interest's own posts (a minority of the stream) do not widen it.
 */
export function upperSpreadFactor(values: ArrayLike<number>, include?: (index: number) => boolean): number {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!include || include(i)) kept.push(values[i]);
  if (kept.length < 2) return 1;
  const { mean: median, std: lower } = offTopicMoments(kept);
  const deviations = kept.map((x) => Math.abs(x - median)).sort((a, b) => a - b);
  const mid = (deviations.length - 1) / 2;
  const mad = (deviations[Math.floor(mid)] + deviations[Math.ceil(mid)]) / 2;
  return lower > 0 ? Math.max(1, mad / MAD_PER_SD / lower) : 1;
}

/** SDs above the prior's typical off-topic post from which a post of a small sample is taken
 *  as on topic, not as evidence of what off-topic looks like (anchoredNull). A normal
 *  null puts 2.3% of the off-topic posts there: leaving them out moves its median by ~1% of
 *  the ranks. 3 (the score threshold) lets a one-topic batch's posts between 2 and 3 SDs pull
 *  the estimate up to them (BBC football on an empty instance, 50 posts: 1 matched, with 2: 34;
 *  20 posts: 15 and 16; measured before batch.ts's midpoint left the far-out posts out too). */
export const ON_TOPIC_CUTOFF = 2;

/**
 * How many of the prior's SDs above its typical post a post of a sample of `n` must reach to be
 * left out as on topic: ON_TOPIC_CUTOFF for an empty sample, ON_TOPIC_CUTOFF / (1 − (n / weight)²)
 * as the sample grows (×1.01 at a tenth of the weight, ×1.33 at half, ×5.3 at nine tenths), no
 * cutoff once the sample weighs as much as the prior: the prior's judgement of what is far out
 * lasts while it outweighs the sample, and a stream as large as the prior decides itself, as
 * blend() alone. Squared: with 1 − n / weight (×1.33 at a quarter) a one-topic batch of 50
 * BBC football posts let its weaker posts in and matched 10 of 50, squared 34 (both before
 * batch.ts's midpoint left the far-out posts out too; now 45).
 */
export function onTopicCutoff(n: number, weight: number): number {
  return n >= weight ? Infinity : ON_TOPIC_CUTOFF / (1 - (n / weight) ** 2);
}

/**
 * The prior, worth `priorWeight` posts, blended with the sample moments (`sample`:
 * offTopicMoments or moments) of the posts `include` keeps that the prior does not already
 * place onTopicCutoff(n, cutoffWeight) SDs or more above its typical post (n: the posts kept
 * by `include`).
 *
 * Why: blend() counts every post of the sample as an off-topic one. The sample's robust
 * moments (median, lower half) allow up to half of it on topic; a small batch that is all
 * about one topic (the posts a user tries an interest on) breaks that: its median IS the
 * topic, and the blend standardises the topic against itself. A post the prior already finds
 * far out is explained as on topic and says nothing about the off-topic posts, as long as the
 * prior outweighs the batch; the cutoff is the prior's, not the blend's, so the estimate
 * cannot widen itself to take in the posts it left out.
 */
export function anchoredNull(values: ArrayLike<number>, include: (index: number) => boolean, prior: Distribution, priorWeight: number,
  sample: (values: ArrayLike<number>, include: (index: number) => boolean) => Moments, cutoffWeight = priorWeight): Distribution {
  let n = 0;
  for (let j = 0; j < values.length; j++) if (include(j)) n++;
  const cutoff = onTopicCutoff(n, cutoffWeight);
  return blend(prior, priorWeight, sample(values, (j) => include(j) && zScore(values[j], prior) < cutoff));
}
