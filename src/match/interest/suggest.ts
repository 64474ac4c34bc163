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
import { MAX_PHRASE } from '../score/document.ts';
import { terms as textTerms } from '../../text/terms.ts';
import { MAX_INCIDENTAL_SHARE, SOURCE_WEIGHT } from './compile.ts';
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

/** Terms over-represented in the posts the interest matches (`matched`), against the stream.
 *  Never a stopword (lexical documents hold none) nor a term — or a phrase with a word — above
 *  the IDF floor that words the user did not pick must clear (MAX_INCIDENTAL_SHARE of all posts);
 *  `text` is the term as the posts write it when `surface` knows it. */
export function cooccurrenceSuggestions(interest: CompiledInterest, matched: readonly LexicalDocument[], stats: CorpusStatistics,
  limit = 10, surface: ReadonlyMap<string, string> = new Map()): InterestTerm[] {
  const known = new Set(interest.terms.map((t) => t.term));
  // A phrase made only of the interest's own words ("formula one" for "Formula One") is no news.
  const own = (t: string) => known.has(t) || t.split(' ').every((part) => known.has(part));
  // Too common to separate anything — a phrase too when one of its words is ("garden said").
  const common = (t: string) => [t, ...(t.includes(' ') ? t.split(' ') : [])].some((part) => stats.documentShare(part) > MAX_INCIDENTAL_SHARE);
  return learnedTerms(matched, stats, { limit, minPosts: 3, minShare: 0.1, minWeight: 1 }, (t) => own(t) || common(t))
    .map((t) => ({ term: t.term, text: surface.get(t.term) ?? t.term, weight: SOURCE_WEIGHT.suggested * t.weight, source: 'suggested' as const }));
}

/** How posts write each stem and phrase of stems (as lexical documents count them: stopwords
 *  and numbers skipped, runs of up to MAX_PHRASE), the most frequent spelling, lower-cased. */
export function surfaceForms(texts: Iterable<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const count = (term: string, text: string) => {
    let spellings = counts.get(term);
    if (!spellings) counts.set(term, (spellings = new Map()));
    spellings.set(text, (spellings.get(text) ?? 0) + 1);
  };
  for (const text of texts) {
    const content = textTerms(text).filter((t) => !t.stopword && !/^[\p{N}.,]+$/u.test(t.text));
    for (let i = 0; i < content.length; i++) {
      for (let n = 1; n <= MAX_PHRASE && i + n <= content.length; n++) {
        const run = content.slice(i, i + n);
        count(run.map((t) => t.stem).join(' '), run.map((t) => t.text.toLowerCase()).join(' '));
      }
    }
  }
  const out = new Map<string, string>();
  for (const [term, spellings] of counts) out.set(term, [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]);
  return out;
}
