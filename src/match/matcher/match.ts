// What the matcher emits, and where it goes: one record per (post, interest) pair that clears
// the storage floor, with the breakdown every score keeps (issue 3, item 3).

import type { StoredMatch } from '../../store/store.ts';

export interface Match {
  postId: number;
  interestId: number;
  /** Standard deviations above the interest's typical off-topic post (as in match/batch.ts). */
  score: number;
  /** Calibrated semantic evidence (z of the cosine). */
  semantic: number;
  /** Calibrated lexical evidence (z of the TF-IDF dot product). */
  lexical: number;
  /** The raw cosine, for diagnostics. */
  cosine: number;
  /** The interest's terms found in the post, strongest first. */
  terms: string[];
  /** Reached the interest's threshold: shown; below it, kept for "include hidden" and learning. */
  aboveThreshold: boolean;
}

/**
 * Where matches are kept (the store implements it: `saveMatches` replaces a post's match for an
 * interest, `clearMatches` forgets an interest's before it is back-scored from scratch).
 */
export interface MatchSink {
  saveMatches(matches: readonly StoredMatch[]): Promise<void>;
  clearMatches(interestId: number): Promise<void>;
}

/** The stored form; the breakdown has the batch scorer's field names (ScoreBreakdown). */
export function toStoredMatch(m: Match, scoredAt: Date): StoredMatch {
  return {
    postId: m.postId,
    interestId: m.interestId,
    score: round3(m.score),
    aboveThreshold: m.aboveThreshold,
    breakdown: { evidence: round3(m.score), semantic: round3(m.semantic), lexical: round3(m.lexical), terms: m.terms, cosine: round3(m.cosine) },
    scoredAt,
  };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
