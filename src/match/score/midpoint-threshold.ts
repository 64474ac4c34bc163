// Where an interest's threshold sits once the stream shows what its matches look like: halfway
// between its typical off-topic post and its typical match, if that is above the null threshold.
//
// The null threshold (k SDs above the typical off-topic post, calibration.ts) says how unusual
// a post must be, not how much of the topic it must carry. Posts of a neighbouring topic carry
// part of the interest's content (a technology story about music downloads, a business story
// about a budget), and a score is linear in that content: they reach a share of what the
// interest's own posts reach, so the stronger a topic stands out, the further its neighbours
// climb past any fixed number of SDs. Nearest centroid in one dimension answers that with a
// boundary that scales with the topic: a post matches when it is closer to the typical match
// than to the typical off-topic post. The typical match is the median of the posts the null
// threshold lets through, so at most half of those can be dropped, and an interest whose matches
// are barely above the null threshold keeps it.
//
// Measured on BBC News (eval/README.md): rejection 0.924 → 0.965 at recall 0.967 → 0.923 (a user
// following 2 of 5 topics); the best threshold per interest at recall 0.90 would give 0.972.

import type { RunningMedian } from './running-median.ts';

/** Median of the values `include` keeps (linear interpolation); NaN when none. */
function median(values: ArrayLike<number>, include: (index: number) => boolean): number {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (include(i)) kept.push(values[i]);
  if (kept.length === 0) return NaN;
  kept.sort((a, b) => a - b);
  const mid = (kept.length - 1) / 2;
  return (kept[Math.floor(mid)] + kept[Math.ceil(mid)]) / 2;
}

/** The rule: max(nullThreshold, (typicalOffTopic + typicalMatch) / 2); `nullThreshold` when
 *  either is unknown (NaN). */
export function midpoint(nullThreshold: number, typicalOffTopic: number, typicalMatch: number): number {
  if (!Number.isFinite(typicalMatch) || !Number.isFinite(typicalOffTopic)) return nullThreshold;
  return Math.max(nullThreshold, (typicalOffTopic + typicalMatch) / 2);
}

/**
 * max(nullThreshold, (typical off-topic + typical match) / 2): typical off-topic is the median
 * score of the posts `isNull` keeps (not known positives), typical match the median score of the
 * posts at or above `nullThreshold`. Returns `nullThreshold` when nothing reaches it.
 */
export function midpointThreshold(scores: ArrayLike<number>, nullThreshold: number, isNull: (index: number) => boolean): number {
  return midpoint(nullThreshold, median(scores, isNull), median(scores, (j) => scores[j] >= nullThreshold));
}

/** Matches a running median needs before it moves the threshold: fewer are one post's whim (a
 *  batch takes the median of whatever reached the null threshold; a stream starts with one). */
export const MIN_STREAMED_MATCHES = 10;

/**
 * The same rule on a stream (the live matcher): the typical match is a running median of every
 * score at or above `nullThreshold` (running-median.ts: feed it each pair's score as it is
 * computed, whatever the current threshold, so the estimate does not chase its own threshold),
 * and the typical off-topic post is 0 — the live score is standardised to mean 0 over the
 * interest's off-topic posts, so that is where its typical one sits by construction.
 */
export function streamingMidpointThreshold(nullThreshold: number, matches: RunningMedian, typicalOffTopic = 0): number {
  if (matches.n < MIN_STREAMED_MATCHES) return nullThreshold;
  return midpoint(nullThreshold, typicalOffTopic, matches.median);
}
