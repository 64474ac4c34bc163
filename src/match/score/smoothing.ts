// Neighbourhood smoothing of an interest's calibrated scores: half a post's own evidence, half
// the mean evidence of its nearest posts in the stream (score/neighbours.ts). An off-topic
// post that happens to use the interest's words sits among posts of its own topic, which score
// low, and falls back; an on-topic post with thin evidence sits among on-topic posts and rises.
// One step of label propagation (Zhu & Ghahramani 2002), with the post's own score as anchor.

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
  const mixed = Float64Array.from({ length: scores.length }, (_, j) => {
    const near = neighbours[j] ?? [];
    if (near.length === 0) return scores[j];
    let sum = 0;
    for (const k of near) sum += scores[k];
    // A post with fewer close neighbours than NEIGHBOURS leans on them less.
    const weight = share * Math.min(1, near.length / NEIGHBOURS);
    return (1 - weight) * scores[j] + (weight * sum) / near.length;
  });
  const null_ = blend(SMOOTHED_PRIOR, SMOOTHED_PRIOR_WEIGHT, offTopicMoments(mixed, isNull));
  return mixed.map((x) => zScore(x, null_));
}
