// What the matcher emits: one record per (post, interest) pair that clears the storage floor,
// with the breakdown every score keeps (issue 3, item 3). The scoring service takes a batch of
// new posts as MatchColumns (match-columns.ts; scorePosts makes these of them), back-scoring and
// feedback as these.

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
  /** The threshold the score was judged against (SDs). */
  threshold: number;
  /** The chance level that threshold started from (SDs): the score an off-topic post reaches by
   *  chance about once a day at the pool's volume, never under the null threshold 3
   *  (score/chance-threshold.ts: 3 up to ~740 posts a day, 3.98 at 29,000). The interest's typical
   *  match (the midpoint) and feedback then raise or move it to `threshold`. */
  chance: number;
  /** The feedback adjustment: how far the interest's feedback moved its threshold from the null
   *  threshold (SDs; negative: likes let more through, positive: off-topic reports hold more
   *  back; 0 without feedback). What feedback did to the vector and terms is in the score. */
  feedback: number;
}
