// The matcher's pairs as the store's MatchRows, without an object per pair: a batch of new posts
// at 30k interests stores thousands of pairs per post, and building a Match and a StoredMatch for
// each (toStoredMatch, then JSON.stringify) cost more than scoring them. Each row is exactly what
// toStoredMatch stored (kept as the reference in match-rows.test.ts): scores rounded to 3
// decimals, the breakdown the same JSON text, field for field (tested against it).
import { DEFAULT_THRESHOLD } from '../match/batch.ts';
import { thresholdOf } from '../match/matcher/learned-state.ts';
import type { MatchColumns } from '../match/matcher/match-columns.ts';
import type { Match } from '../match/matcher/match.ts';
import type { MatchRows } from '../store/store.ts';

/** A batch's columns as rows scored at `scoredAt`; matched terms are quoted once per term id. */
export function columnsAsRows(columns: MatchColumns, scoredAt: Date): MatchRows {
  const n = columns.length;
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) score[i] = round3(columns.score[i]);
  const at = scoredAt.getTime();
  // Term id → its JSON string: a pair's matched terms are a few ids of the batch's vocabulary, so
  // a pair's terms are turned into text (columns.terms) only when one of its ids is new.
  const quoted: string[] = [];
  const quote = (i: number, from: number, end: number): void => {
    for (let k = from; k < end; k++) {
      if (quoted[columns.termIds[k]] !== undefined) continue;
      const texts = columns.terms(i);
      for (let j = from; j < end; j++) quoted[columns.termIds[j]] ??= JSON.stringify(texts[j - from]);
      return;
    }
  };
  return {
    length: n,
    postId: columns.postId,
    interestId: columns.interestId,
    score,
    aboveThreshold: columns.aboveThreshold,
    breakdownJson(i) {
      const from = columns.termStart[i], end = columns.termStart[i + 1];
      quote(i, from, end);
      let terms = '';
      for (let k = from; k < end; k++) terms += (k > from ? ',' : '') + quoted[columns.termIds[k]];
      return breakdownJson(score[i], columns.semantic[i], columns.lexical[i], terms, columns.cosine[i], columns.threshold[i], columns.feedback[i], columns.chance);
    },
    scoredAt: () => at,
  };
}

/** Match objects (one interest back-scored or learned again) as rows scored at `scoredAt`. */
export function matchesAsRows(matches: readonly Match[], scoredAt: Date): MatchRows {
  const at = scoredAt.getTime();
  return {
    length: matches.length,
    postId: matches.map((m) => m.postId),
    interestId: matches.map((m) => m.interestId),
    score: matches.map((m) => round3(m.score)),
    aboveThreshold: matches.map((m) => (m.aboveThreshold ? 1 : 0)),
    breakdownJson(i) {
      const m = matches[i];
      return breakdownJson(round3(m.score), m.semantic, m.lexical, m.terms.map((t) => JSON.stringify(t)).join(','), m.cosine, m.threshold, m.feedback, m.chance);
    },
    scoredAt: () => at,
  };
}

/** JSON.stringify of toStoredMatch's breakdown, given the score already rounded and the terms quoted. */
function breakdownJson(evidence: number, semantic: number, lexical: number, quotedTerms: string, cosine: number, threshold: number, feedback: number, chance: number): string {
  return `{"evidence":${json(evidence)},"semantic":${json(round3(semantic))},"lexical":${json(round3(lexical))},"terms":[${quotedTerms}],"cosine":${json(round3(cosine))}`
    + `,"threshold":${json(round3(threshold))},"feedback":${json(round3(feedback))},"chance":${json(round3(chance))}}`;
}

/** The threshold a stored match was judged against (its breakdown's `threshold`); undefined for a
 *  match stored before breakdowns kept it. */
function thresholdOfBreakdown(breakdown: unknown): number | undefined {
  const t = (breakdown as { threshold?: unknown } | null | undefined)?.threshold;
  return typeof t === 'number' && Number.isFinite(t) ? t : undefined;
}

/** The threshold a stored match is judged against in the feed and on the post page: its
 *  breakdown's, else (stored before breakdowns kept it) the interest's learned one, else the null
 *  threshold. */
export function judgedThreshold(breakdown: unknown, learned: unknown): number {
  return thresholdOfBreakdown(breakdown) ?? thresholdOf(learned) ?? DEFAULT_THRESHOLD;
}

/** A number as JSON.stringify writes it (NaN and infinities as null). */
const json = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
