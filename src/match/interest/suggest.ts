// Keywords to suggest for an interest, from two places:
//  - the embedding neighbourhood: table words nearest to the interest's vector (what the
//    words mean in general);
//  - corpus co-occurrence: terms that separate the posts the interest already matches from the
//    rest of the stream (what the words mean in *this* stream), by Robertson's offer weight.
// Suggestions are offered, never added silently: the user picks.

import type { BuiltinEmbedder } from '../../embed/builtin.ts';
import { nearestWords } from '../../embed/neighbours.ts';
import { cachedStem } from '../../text/terms.ts';
import { isStopword } from '../../text/stopwords.ts';
import type { CorpusStatistics } from '../score/corpus-statistics.ts';
import type { LexicalDocument } from '../score/document.ts';
import { learnedTerms } from '../score/feedback.ts';
import { SOURCE_WEIGHT } from './compile.ts';
import type { CompiledInterest, InterestTerm } from './interest.ts';

/** Most frequent table words searched: rarer ones are mostly names and typos. */
const NEIGHBOUR_VOCABULARY = 30_000;

/** Words near the interest's vector whose stem is not a term of it yet, best first. */
export function neighbourSuggestions(interest: CompiledInterest, embedder: BuiltinEmbedder, limit = 10): InterestTerm[] {
  const known = new Set(interest.terms.map((t) => t.term));
  const seen = new Set<string>();
  const out: InterestTerm[] = [];
  const candidates = nearestWords(embedder.table, interest.vector, limit * 4, {
    vocabulary: NEIGHBOUR_VOCABULARY,
    commonComponent: embedder.commonComponent,
    exclude: (word) => isStopword(word) || !/^\p{L}[\p{L}-]+$/u.test(word) || known.has(cachedStem(word)),
  });
  for (const n of candidates) {
    const term = cachedStem(n.word);
    if (seen.has(term)) continue; // "market" and "markets" are one suggestion
    seen.add(term);
    out.push({ term, text: n.word, weight: SOURCE_WEIGHT.suggested * n.similarity, source: 'suggested' });
    if (out.length === limit) break;
  }
  return out;
}

/** Terms over-represented in the posts the interest matches (`matched`), against the stream. */
export function cooccurrenceSuggestions(interest: CompiledInterest, matched: readonly LexicalDocument[], stats: CorpusStatistics,
  limit = 10): InterestTerm[] {
  const known = new Set(interest.terms.map((t) => t.term));
  return learnedTerms(matched, stats, { limit, minPosts: 3, minShare: 0.1, minWeight: 1 }, (t) => known.has(t))
    .map((t) => ({ term: t.term, text: t.term, weight: SOURCE_WEIGHT.suggested * t.weight, source: 'suggested' as const }));
}
