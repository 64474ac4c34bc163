// Which terms may become keywords of an interest. Lexical cost follows postings scanned:
// one stopword-like keyword in 300k interests put 678k postings in every post's path and
// cut throughput ~10× (DESIGN.md), so common terms are refused up front: by a stoplist
// and, once the stream has been observed, by an IDF floor.
import type { TermDictionary } from './term-dictionary.ts';

export interface KeywordPolicy {
  /** Terms below this IDF are refused (ignored until `minDocuments` posts were observed). */
  minIdf: number;
  minDocuments: number;
  /** Term ids refused whatever the statistics say. */
  stopTerms: ReadonlySet<number>;
}

export interface KeywordVerdict {
  accepted: number[];
  weights: number[];
  /** Refused term ids with the reason, for the interest's "Advanced" view. */
  refused: { term: number; reason: 'stoplist' | 'idf-floor' | 'bad-weight' }[];
}

export const defaultKeywordPolicy: KeywordPolicy = { minIdf: 2.5, minDocuments: 1000, stopTerms: new Set() };

export function filterKeywords(terms: ArrayLike<number>, weights: ArrayLike<number>, dictionary: TermDictionary,
  policy: KeywordPolicy = defaultKeywordPolicy): KeywordVerdict {
  const verdict: KeywordVerdict = { accepted: [], weights: [], refused: [] };
  const useIdf = dictionary.documents >= policy.minDocuments;
  const seen = new Map<number, number>();
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i], weight = weights[i];
    if (!(weight > 0) || !Number.isFinite(weight)) verdict.refused.push({ term, reason: 'bad-weight' });
    else if (policy.stopTerms.has(term)) verdict.refused.push({ term, reason: 'stoplist' });
    else if (useIdf && dictionary.idf(term) < policy.minIdf) verdict.refused.push({ term, reason: 'idf-floor' });
    else if (seen.has(term)) verdict.weights[seen.get(term)!] += weight; // a repeated term adds up
    else {
      seen.set(term, verdict.accepted.length);
      verdict.accepted.push(term);
      verdict.weights.push(weight);
    }
  }
  return verdict;
}
