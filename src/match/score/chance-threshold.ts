// The null threshold at an instance's volume: how many SDs above the typical off-topic post a
// post must score so that, by chance alone, an interest is matched by at most `budget`
// off-topic posts a day.
//
// A score is a z-score against the interest's off-topic posts (calibration.ts), and 3 SDs is a
// good bar for one post, but a threshold is met by every post of the pool: at 3 SDs a normal
// null lets 0.13% of off-topic posts through, ~1 a day on a personal instance (500 posts a day)
// and ~38 a day per interest at Scour's ~29k. Each user with 100 interests was then matched by
// ~16% of all posts (`npm run bench -- match`'s density line, 2026-12-06), nearly all of them
// that tail. The threshold here grows with the pool as a multiple-testing bound does: the z at
// which postsPerDay × P(Z ≥ z) = budget, never under the null threshold (small instances keep
// theirs). Normal tails are the model the scores are standardised under; real tails are
// heavier, so the budget is an expectation under that model, not a promise.

/** Off-topic matches per interest per day the threshold allows by chance (the default). */
export const CHANCE_MATCHES_PER_DAY = 1;

/** P(Z ≥ z) for a standard normal: ½·erfc(z/√2) (erfc: Numerical Recipes' Chebyshev fit,
 *  relative error < 1.2e-7 everywhere). */
export function upperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2, t = 1 / (1 + 0.5 * x);
  const erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * max(nullThreshold, z) where postsPerDay · P(Z ≥ z) = budget: the least threshold that holds the
 * expected off-topic matches of one interest to `budget` a day. nullThreshold when the pool is too
 * small for that to bind (or postsPerDay is 0 or unknown).
 */
export function chanceThreshold(postsPerDay: number, nullThreshold: number, budget = CHANCE_MATCHES_PER_DAY): number {
  if (!(budget > 0)) throw new RangeError(`chanceThreshold: budget must be positive, got ${budget}`);
  if (!(postsPerDay > 0) || postsPerDay * upperTail(nullThreshold) <= budget) return nullThreshold;
  // upperTail falls monotonically: bisection to well under a thousandth of an SD.
  let low = nullThreshold, high = 40;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (postsPerDay * upperTail(mid) > budget) low = mid;
    else high = mid;
  }
  return high;
}
