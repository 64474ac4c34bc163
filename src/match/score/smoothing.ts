// Neighbourhood smoothing of an interest's calibrated scores: half a post's own evidence, half
// the mean evidence of its nearest posts in the stream (score/neighbours.ts). An off-topic
// post that happens to use the interest's words sits among posts of its own topic, which score
// low, and falls back; an on-topic post with thin evidence sits among on-topic posts and rises.
// One step of label propagation (Zhu & Ghahramani 2002), with the post's own score as anchor
// (smoothScores); or the same step repeated to its fixed point, each post's neighbours' values
// being the smoothed ones and its own score the anchor (label spreading, Zhou et al. 2004:
// (1 − w)·(I − w·W)⁻¹ applied to the scores): the evidence of the neighbours' neighbours and
// further, each ring weighing half the one before (propagatedScores).

import { blend, offTopicMoments, zScore, type Distribution } from './calibration.ts';

/** Weight of the neighbours' mean against the post's own score: equal, neither is trusted more
 *  a priori (the post's own text is the direct evidence; ten neighbours are steadier). */
export const NEIGHBOUR_SHARE = 0.5;
/** Neighbours per post: few against any topic's share of a stream of hundreds of posts, enough
 *  that one odd neighbour moves the mean by a tenth. */
export const NEIGHBOURS = 10;
/** Prior for the smoothed score over off-topic posts, worth SMOOTHED_PRIOR_WEIGHT posts: a
 *  convex mix of standard scores has SD ≤ 1 (1 when they are perfectly correlated), so 1 never
 *  makes a small batch's posts look more unusual than they are. */
export const SMOOTHED_PRIOR: Distribution = { mean: 0, std: 1 };
export const SMOOTHED_PRIOR_WEIGHT = 50;

/**
 * (1 − w)·own + w·mean(neighbours'), w = share × (neighbours found / NEIGHBOURS), standardised again against the off-topic posts
 * (`isNull`) so the result keeps its meaning: SDs above the interest's typical off-topic post.
 * A post without neighbours keeps its own score.
 */
export function smoothScores(scores: ArrayLike<number>, neighbours: readonly (readonly number[])[], isNull: (j: number) => boolean,
  share = NEIGHBOUR_SHARE): Float64Array {
  return standardised(step(scores, scores, neighbours, share), isNull);
}

/** Propagation stops when no post's value moves more than this (in the scores' units, SDs):
 *  each step halves the distance to the fixed point at most, so ~12 steps from a range of 30. */
export const PROPAGATION_TOLERANCE = 1e-3;
/** Steps at most (a safeguard: the distance to the fixed point shrinks by `share` each step). */
export const MAX_PROPAGATION_STEPS = 50;

/**
 * The fixed point of x = (1 − w)·own + w·mean(x of the neighbours), w as in smoothScores,
 * standardised against the off-topic posts (`isNull`) as smoothScores is. Its first step is
 * smoothScores; posts without neighbours keep their own score.
 */
export function propagatedScores(scores: ArrayLike<number>, neighbours: readonly (readonly number[])[], isNull: (j: number) => boolean,
  share = NEIGHBOUR_SHARE): Float64Array {
  let x = step(scores, scores, neighbours, share);
  for (let k = 1; k < MAX_PROPAGATION_STEPS; k++) {
    const next = step(scores, x, neighbours, share);
    let moved = 0;
    for (let j = 0; j < next.length; j++) moved = Math.max(moved, Math.abs(next[j] - x[j]));
    x = next;
    if (moved < PROPAGATION_TOLERANCE) break;
  }
  return standardised(x, isNull);
}

/** (1 − w)·own + w·mean(values of the neighbours), w = share × (neighbours found / NEIGHBOURS). */
function step(own: ArrayLike<number>, values: ArrayLike<number>, neighbours: readonly (readonly number[])[], share: number): Float64Array {
  return Float64Array.from({ length: own.length }, (_, j) => {
    const near = neighbours[j] ?? [];
    if (near.length === 0) return own[j];
    let sum = 0;
    for (const k of near) sum += values[k];
    // A post with fewer close neighbours than NEIGHBOURS leans on them less.
    const weight = share * Math.min(1, near.length / NEIGHBOURS);
    return (1 - weight) * own[j] + (weight * sum) / near.length;
  });
}

function standardised(mixed: Float64Array, isNull: (j: number) => boolean): Float64Array {
  const null_ = blend(SMOOTHED_PRIOR, SMOOTHED_PRIOR_WEIGHT, offTopicMoments(mixed, isNull));
  return mixed.map((x) => zScore(x, null_));
}
