// Lexical evidence of an interest in a post, BM25-style (Robertson & Zaragoza 2009):
//   Σ_terms weight · idf · tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen))
// with title occurrences counted TITLE_BOOST times over (a keyword in the title says more
// about the post than one in passing), and phrases matched as runs of stems.

import type { CorpusStatistics } from './corpus-statistics.ts';
import type { LexicalDocument } from './document.ts';

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Bm25Parameters {
  /** Saturation: the 5th occurrence adds little over the 2nd. The usual 1.2. */
  k1: number;
  /** Length normalisation; the usual 0.75. */
  b: number;
  /** Extra occurrences a title occurrence is worth. */
  titleBoost: number;
}

export const DEFAULT_BM25: Bm25Parameters = { k1: 1.2, b: 0.75, titleBoost: 2 };

export interface LexicalScore {
  score: number;
  /** Terms found in the post with their contribution, largest first. */
  matched: { term: string; contribution: number }[];
}

/** BM25 of weighted terms against one document. Pure: statistics are passed in. */
export function bm25(terms: readonly WeightedTerm[], doc: LexicalDocument, stats: CorpusStatistics,
  params: Bm25Parameters = DEFAULT_BM25): LexicalScore {
  const norm = params.k1 * (1 - params.b + (params.b * doc.length) / stats.averageLength());
  let score = 0;
  const matched: LexicalScore['matched'] = [];
  for (const { term, weight } of terms) {
    const count = doc.counts.get(term);
    if (!count) continue;
    const tf = count + (doc.title.has(term) ? params.titleBoost : 0);
    const contribution = weight * stats.idf(term) * ((tf * (params.k1 + 1)) / (tf + norm));
    score += contribution;
    matched.push({ term, contribution });
  }
  matched.sort((a, b) => b.contribution - a.contribution);
  return { score, matched };
}
