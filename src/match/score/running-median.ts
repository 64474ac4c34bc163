// A running estimate of the median of a stream of values in three numbers, O(1) per value: the
// streaming form of "the typical match" (midpoint-threshold.ts), which the live matcher cannot
// take as a median of kept scores — it keeps no scores, only a block of numbers per interest.
//
// Stochastic approximation of a quantile (Robbins & Monro 1951; for quantiles, Tierney 1983):
// each value moves the estimate one step towards itself, and the steps shrink as 1/k, so the
// estimate settles where as many values fall above it as below — the median. The step is in
// units of the values' own spread (a running mean absolute deviation from the estimate), so
// it needs no scale chosen in advance: scores of a strong topic spread over 20 SDs, a weak
// one's over 3. k stops growing at WINDOW values: from then on each value weighs 1/WINDOW and
// the estimate follows a stream whose matches change (an interest that learned, a topic that
// grew) instead of freezing on its first months.

/** The estimate after `n` values: the median and the values' mean absolute deviation from it. */
export interface RunningMedian {
  n: number;
  median: number;
  spread: number;
}

export const EMPTY_RUNNING_MEDIAN: RunningMedian = Object.freeze({ n: 0, median: 0, spread: 0 });

/** Values after which each new value weighs the same (1/WINDOW): a topic's matches of a few
 *  weeks on a busy instance, of months on a quiet one. */
export const MEDIAN_WINDOW = 200;

/** Step size in units of spread/k. A Robbins–Monro quantile step converges at its best rate
 *  at 1/(2·density at the median·k); for a normal that density is 0.32 per mean absolute
 *  deviation, so ~1.6·spread/k. 2 errs on the safe side: a step above the best only adds some
 *  noise, one under half of it converges slowly (more than 1/√k). */
export const MEDIAN_GAIN = 2;

/** Numbers a RunningMedian takes in a Float64Array block (n, median, spread, in that order). */
export const RUNNING_MEDIAN_SIZE = 3;

/**
 * Adds `x` to the estimate held in `data` at `at` (n, median, spread), in place: O(1), no
 * allocation, for a per-interest block of numbers (matcher/calibration-table.ts).
 */
export function observeMedianAt(data: Float64Array, at: number, x: number, window = MEDIAN_WINDOW): void {
  if (!Number.isFinite(x)) return;
  const n = data[at];
  if (!(n > 0)) {
    data[at] = 1;
    data[at + 1] = x;
    data[at + 2] = 0;
    return;
  }
  const median = data[at + 1];
  const k = Math.min(n + 1, window);
  const deviation = Math.abs(x - median);
  const spread = data[at + 2] + (deviation - data[at + 2]) / k;
  // Never past the new value: one value cannot move the median beyond itself.
  const step = Math.min((MEDIAN_GAIN * spread) / k, deviation);
  data[at] = n + 1;
  data[at + 1] = x > median ? median + step : median - step;
  data[at + 2] = spread;
}

/** The estimate after one more value (the same arithmetic as observeMedianAt). */
export function observeMedian(state: RunningMedian, x: number, window = MEDIAN_WINDOW): RunningMedian {
  const block = Float64Array.of(state.n, state.median, state.spread);
  observeMedianAt(block, 0, x, window);
  return { n: block[0], median: block[1], spread: block[2] };
}
