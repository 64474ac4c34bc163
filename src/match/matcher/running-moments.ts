// Running mean and variance of a stream (Welford), mergeable (Chan et al. 1979): a batch of
// values — or a run of zeros, which is what most posts give most interests lexically — folds
// into the running moments in O(1), so no post's value need be kept. Pure and serialisable.

export interface RunningMoments {
  /** Values seen. */
  n: number;
  mean: number;
  /** Sum of squared deviations from the mean (variance = m2 / n). */
  m2: number;
}

export const EMPTY_MOMENTS: RunningMoments = Object.freeze({ n: 0, mean: 0, m2: 0 });

/** Welford's update with one value. */
export function addValue(m: RunningMoments, x: number): RunningMoments {
  const n = m.n + 1;
  const delta = x - m.mean;
  const mean = m.mean + delta / n;
  return { n, mean, m2: m.m2 + delta * (x - mean) };
}

/** The moments of two disjoint samples together (Chan's parallel formula). */
export function merge(a: RunningMoments, b: RunningMoments): RunningMoments {
  if (b.n === 0) return a;
  if (a.n === 0) return b;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

/** `count` values equal to `x` (e.g. the posts that share no term with an interest: 0). */
export function constant(count: number, x = 0): RunningMoments {
  return { n: count, mean: count > 0 ? x : 0, m2: 0 };
}

/**
 * The moments of `whole` with the sample `part` taken out (the reverse of merge): how an
 * interest's own on-topic posts leave the off-topic distribution. Clamped at 0 variance,
 * since float cancellation may leave a tiny negative.
 */
export function remove(whole: RunningMoments, part: RunningMoments): RunningMoments {
  const n = whole.n - part.n;
  if (part.n === 0) return whole;
  if (n <= 0) return EMPTY_MOMENTS;
  const mean = (whole.n * whole.mean - part.n * part.mean) / n;
  const delta = part.mean - mean;
  return { n, mean, m2: Math.max(0, whole.m2 - part.m2 - (delta * delta * n * part.n) / whole.n) };
}

export function variance(m: RunningMoments): number {
  return m.n > 0 ? m.m2 / m.n : 0;
}

export function isMoments(x: unknown): x is RunningMoments {
  const m = x as RunningMoments;
  return typeof m === 'object' && m !== null && [m.n, m.mean, m.m2].every((v) => typeof v === 'number' && Number.isFinite(v)) && m.n >= 0 && m.m2 >= 0;
}
