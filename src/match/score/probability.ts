// From calibrated evidence to "the probability that this post is on-topic for the interest".
//
// A z-score against the interest's off-topic posts answers "how unusual is this post for the
// interest?", but not "is it about it": an interest whose posts sit 8 SDs above its typical
// off-topic post and one whose posts sit 4 SDs above are not equally sure at 5. A two-class
// model fixes that: off-topic scores ~ N(0, 1) (the calibration made them so), on-topic scores
// ~ N(μ₁, σ₁) from the posts the interest confidently matched (self-training seeds and likes),
// blended with a prior, and the prevalence π of on-topic posts; Bayes' rule gives
//   P(on | z) = π·N(z; μ₁, σ₁) / (π·N(z; μ₁, σ₁) + (1 − π)·N(z; 0, 1)).

import { blend, moments, type Distribution } from './calibration.ts';

export interface TopicModel {
  /** Share of posts on-topic. */
  prevalence: number;
  /** Calibrated scores of on-topic posts. */
  onTopic: Distribution;
}

/**
 * Prior for a new interest (no seeds yet). On-topic posts are taken to sit around four SDs
 * above the typical off-topic one, spread 1.5: the seed threshold (3) plus the margin a seed
 * needs over its runner-up (1), so that the prior agrees with what self-training accepts.
 * Prevalence 5%: a feed reader's interest covers a few percent of a mixed stream.
 * Worth PRIOR_POSTS observations, so that tens of seeds decide.
 */
export const PRIOR_MODEL: TopicModel = { prevalence: 0.05, onTopic: { mean: 4, std: 1.5 } };
export const PRIOR_POSTS = 20;

/** The model from the calibrated scores of the posts taken as on-topic, out of `total` posts. */
export function fitTopicModel(onTopicScores: readonly number[], total: number, prior: TopicModel = PRIOR_MODEL): TopicModel {
  const onTopic = blend(prior.onTopic, PRIOR_POSTS, moments(onTopicScores));
  const prevalence = (onTopicScores.length + PRIOR_POSTS * prior.prevalence) / (total + PRIOR_POSTS);
  return { prevalence, onTopic: { mean: onTopic.mean, std: Math.max(onTopic.std, 0.5) } };
}

const logNormal = (z: number, d: Distribution): number => -0.5 * ((z - d.mean) / d.std) ** 2 - Math.log(d.std);

/**
 * P(on-topic | z). Made monotone in z: below the off-topic mean the probability never rises
 * again (a wide on-topic component would otherwise claim the far left tail), above the
 * on-topic mean it never falls (a narrow one would disown the far right).
 */
export function onTopicProbability(z: number, model: TopicModel): number {
  const at = (x: number): number => {
    const logOdds = Math.log(model.prevalence / (1 - model.prevalence)) + logNormal(x, model.onTopic) - logNormal(x, { mean: 0, std: 1 });
    return 1 / (1 + Math.exp(-logOdds));
  };
  if (!Number.isFinite(z)) return z > 0 ? 1 : 0;
  if (z <= 0) return Math.min(at(z), at(0));
  if (z >= model.onTopic.mean) return Math.max(at(z), at(model.onTopic.mean));
  return at(z);
}
