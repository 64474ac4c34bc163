// The `learned` JSON the matcher keeps in a StoredInterest: where feedback and self-training moved
// the interest (its vector, its lexical vector, its threshold). Recomputed from ALL of the interest's
// feedback every time (the store keeps the feedback), so applying it twice changes nothing.

import type { FeedbackEvidence } from '../score/feedback.ts';
import type { SparseVector } from '../score/tfidf.ts';

export interface LearnedInterest {
  version: 1;
  /** The space of `vector`: another embedder's learned vector is ignored (it is re-learned). */
  embedderId: string;
  /** Unit interest vector after Rocchio. */
  vector: number[];
  /** The interest's unit TF-IDF vector after Rocchio, [term, weight] strongest first. */
  terms: [string, number][];
  /** Threshold after feedback (adjustedThreshold): the null threshold moved by feedback. */
  threshold: number;
  /** What feedback said of the threshold (feedbackEvidence), applied again to the streaming
   *  midpoint at every batch (thresholdWithFeedback). Absent in states learned before it was
   *  kept: those keep `threshold` and get no midpoint until feedback is applied again. */
  evidence?: FeedbackEvidence;
  /** How much feedback made it, for display; `implicit`: the posts self-training learned from
   *  (absent in states learned before self-training ran in the service). */
  feedback: { liked: number; disliked: number; offTopic: number; implicit?: number };
  /** The posts self-training learned from (ids; score/implicit-likes.ts): learning again from new
   *  feedback learns from the same ones. */
  implicit?: number[];
}

export function learnedInterest(embedderId: string, vector: Float32Array, terms: SparseVector, threshold: number,
  feedback: LearnedInterest['feedback'], evidence?: FeedbackEvidence, implicit: readonly number[] = []): LearnedInterest {
  return {
    version: 1,
    embedderId,
    vector: Array.from(vector, (x) => Number(x.toPrecision(7))),
    terms: [...terms].sort((a, b) => b[1] - a[1]),
    threshold,
    feedback,
    ...(evidence ? { evidence: { ...evidence } } : {}),
    ...(implicit.length ? { implicit: [...implicit] } : {}),
  };
}

/** The posts an interest's learned state was self-trained on (none when it has no such state). */
export function implicitOf(learned: unknown): number[] {
  const ids = (learned as LearnedInterest | null | undefined)?.implicit;
  return Array.isArray(ids) ? ids.filter((id) => Number.isInteger(id)) : [];
}

/** The feedback evidence a learned state carries, when it is well formed (undefined otherwise). */
export function evidenceOf(learned: LearnedInterest): FeedbackEvidence | undefined {
  const e = learned.evidence as Record<string, unknown> | undefined;
  if (typeof e !== 'object' || e === null) return undefined;
  const out: FeedbackEvidence = {};
  for (const key of ['offTopicFloor', 'likedWeak'] as const) {
    const v = e[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    out[key] = v;
  }
  const reports = e.offTopicReports;
  if (reports !== undefined) {
    if (!Number.isInteger(reports) || (reports as number) < 1) return undefined;
    out.offTopicReports = reports as number;
  }
  return out;
}

/** The learned state when it is one for this embedder and dimension; undefined otherwise. */
export function parseLearned(x: unknown, embedderId: string, dims: number): LearnedInterest | undefined {
  const l = x as LearnedInterest;
  if (typeof l !== 'object' || l === null || l.version !== 1 || l.embedderId !== embedderId) return undefined;
  if (!Array.isArray(l.vector) || l.vector.length !== dims || !l.vector.every(Number.isFinite)) return undefined;
  if (!Array.isArray(l.terms) || !l.terms.every((t) => Array.isArray(t) && typeof t[0] === 'string' && Number.isFinite(t[1]) && t[1] > 0)) return undefined;
  if (!Number.isFinite(l.threshold)) return undefined;
  return l;
}

/** The threshold feedback set for an interest, whatever embedder it was learned under; undefined
 *  when it has none (the default threshold holds). */
export function thresholdOf(learned: unknown): number | undefined {
  const t = (learned as LearnedInterest | null | undefined)?.threshold;
  return typeof t === 'number' && Number.isFinite(t) ? t : undefined;
}
