// The lexical view of one post that scoring needs: stem counts in the body and in the title,
// including the 2- and 3-stem runs that phrase keywords match, and the body length for
// BM25's length normalisation. Built once per post, shared by every interest.

import { terms } from '../../text/terms.ts';
import type { CorpusStatistics } from './corpus-statistics.ts';
import type { Bm25Parameters } from './lexical.ts';

export interface LexicalDocument {
  /** Occurrences per stem and per phrase of stems ("mobil phone"), title and body together. */
  counts: Map<string, number>;
  /** Stems and phrases that occur in the title. */
  title: Set<string>;
  /** Content tokens (stopwords excluded): BM25's document length. */
  length: number;
  /** Whether counts has any of these terms, answered without building the counts of a
   *  document kept compact (StemDocument). */
  holdsAny?(terms: ReadonlyMap<string, number>): boolean;
  /** tfidf.ts tfidfOfTerms of this document (the same numbers), from a compact form without
   *  building the counts (StemDocument). */
  tfidfOfTerms?(terms: ReadonlyMap<string, number>, stats: CorpusStatistics, params: Bm25Parameters): Map<string, number>;
  /** tfidf.ts sparseDot(terms, tfidfOfTerms(this, terms, …)) (the same number), without the Map. */
  dotOfTerms?(terms: ReadonlyMap<string, number>, stats: CorpusStatistics, params: Bm25Parameters): number;
}

/** Longest phrase (in stems) a keyword can match as one term. */
export const MAX_PHRASE = 3;

/** The stems of a text with stopwords removed, in order (phrases are runs of these). */
export function contentStems(text: string): string[] {
  return terms(text)
    .filter((t) => !t.stopword && !/^[\p{N}.,]+$/u.test(t.text))
    .map((t) => t.stem);
}

/** Names the analysis contentStems does, for stems kept outside the process (Store.postStems):
 *  stems stored under another name are analysed again. The number moves by hand when the
 *  analysis changes; the hash of a probe text's stems moves by itself when the tokenizer, the
 *  stoplist or the stemmer changes what they make of it. */
export const CONTENT_STEMS_ANALYSIS = `content-stems/1/${probeHash(
  contentStems(
    "Les États-Unis' AI labs aren't running GPT-4o on 3.5 GPUs: the company's engineers, " +
      'running faster, said "inference costs" fell 40% (see https://example.org/a?b=c) — über-naïve 東京 camper-vans.',
  ).join(' '),
)}`;

function probeHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

function addGrams(stems: readonly string[], into: Map<string, number> | Set<string>): void {
  for (let i = 0; i < stems.length; i++) {
    let key = stems[i];
    if (into instanceof Map) into.set(key, (into.get(key) ?? 0) + 1);
    else into.add(key);
    for (let n = 2; n <= MAX_PHRASE && i + n <= stems.length; n++) {
      key += ' ' + stems[i + n - 1];
      if (into instanceof Map) into.set(key, (into.get(key) ?? 0) + 1);
      else into.add(key);
    }
  }
}

export function lexicalDocument(title: string, text: string): LexicalDocument {
  return documentFromStems(contentStems(title), contentStems(text));
}

/** lexicalDocument of a post whose title and body have these content stems (contentStems). */
export function documentFromStems(titleStems: readonly string[], bodyStems: readonly string[]): LexicalDocument {
  const counts = new Map<string, number>();
  addGrams(titleStems, counts);
  addGrams(bodyStems, counts);
  const titleSet = new Set<string>();
  addGrams(titleStems, titleSet);
  return { counts, title: titleSet, length: titleStems.length + bodyStems.length };
}
