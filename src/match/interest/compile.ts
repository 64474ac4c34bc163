// Compiling an interest: weighted lexical terms and one embedding.
//
// Keywords weigh most (the user chose them). The name's and description's content words
// count too, at lower weight (they are written as prose, not as picks). A phrase keyword is a
// term of its own (a run of stems) and its words count separately at a fraction of its weight:
// "mobile phone" is strong evidence, "phone" alone weaker. Stopwords never become terms, and
// neither do content words so common that they occur in a large share of all posts (an IDF
// floor, from the corpus statistics smoothed by the background, see corpus-statistics.ts).

import type { Embedder } from '../../embed/embedder.ts';
import { terms as textTerms } from '../../text/terms.ts';
import type { CorpusStatistics } from '../score/corpus-statistics.ts';
import { MAX_PHRASE } from '../score/document.ts';
import { InterestError, type CompiledInterest, type Interest, type InterestTerm, type RefusedTerm, type TermSource } from './interest.ts';

/** Relative weights by where a term came from. */
export const SOURCE_WEIGHT: Record<Exclude<TermSource, 'learned'>, number> = {
  keyword: 1,
  name: 0.7,
  description: 0.4,
  suggested: 0.3,
};
/** A phrase's single words, relative to the phrase. */
export const PHRASE_PART_WEIGHT = 0.3;
/** A keyword the user chose is refused only when it is in more than a third of all posts
 *  (IDF ≈ 1.1): then it separates nothing. Words the user did not pick as keywords (the
 *  name's, the description's, a phrase's parts) must be rarer: IDF ≥ 2.3, about the standing-
 *  query index's floor (match/index/keyword-policy.ts), so "one" in "Formula One" is no term. */
export const MAX_DOCUMENT_SHARE = 0.33;
export const MAX_INCIDENTAL_SHARE = 0.1;

export interface CompileOptions {
  /** Corpus statistics for the IDF floor; without them only the stoplist applies. */
  stats?: CorpusStatistics;
}

/** Content stems of a piece of text (stopwords and numbers dropped) and whether anything was a stopword. */
function stemsOf(text: string): { stems: string[]; words: string[]; stopwords: string[] } {
  const stems: string[] = [];
  const words: string[] = [];
  const stopwords: string[] = [];
  for (const t of textTerms(text)) {
    if (t.stopword) stopwords.push(t.text);
    else if (!/^[\p{N}.,]+$/u.test(t.text)) {
      stems.push(t.stem);
      words.push(t.text);
    }
  }
  return { stems, words, stopwords };
}

/** The weighted lexical terms of an interest (no embedding): pure. */
export function interestTerms(interest: Interest, options: CompileOptions = {}): { terms: InterestTerm[]; refused: RefusedTerm[] } {
  const byTerm = new Map<string, InterestTerm>();
  const refused: RefusedTerm[] = [];
  // Too common as a name or description word, the same word may still be a keyword: listed as not
  // used only when no source made it a term, and once.
  const tooCommon = new Map<string, string>();
  const add = (term: string, text: string, weight: number, source: TermSource, incidental = false): void => {
    if (options.stats && options.stats.documentShare(term) > (incidental ? MAX_INCIDENTAL_SHARE : MAX_DOCUMENT_SHARE)) {
      if (!tooCommon.has(term)) tooCommon.set(term, text);
      return;
    }
    const known = byTerm.get(term);
    // A term named twice keeps its strongest source; weights do not stack (naming "economy"
    // in the title and as a keyword should not make it count double).
    if (!known || known.weight < weight) byTerm.set(term, { term, weight, source, text });
  };
  const addPhrase = (raw: string, weight: number, source: TermSource): void => {
    const { stems, words, stopwords } = stemsOf(raw);
    if (stems.length === 0) {
      refused.push({ text: raw.trim(), reason: raw.trim() === '' ? 'empty' : stopwords.length ? 'stoplist' : 'empty' });
      return;
    }
    if (stems.length === 1) return add(stems[0], words[0], weight, source, source !== 'keyword');
    // Shown as written when every word of it counts ("首相", not the characters it is matched by, "首 相").
    const whole = stopwords.length === 0 && raw.trim().toLowerCase().replace(/\s+/g, ' ').split(' ').length <= words.length ? raw.trim().replace(/\s+/g, ' ') : words.join(' ');
    if (stems.length <= MAX_PHRASE) add(stems.join(' '), whole, weight, source);
    // Longer than a phrase can match: its words carry it alone, at more weight.
    const partWeight = stems.length <= MAX_PHRASE ? weight * PHRASE_PART_WEIGHT : weight * 0.6;
    stems.forEach((s, i) => add(s, words[i], partWeight, source, true));
  };
  for (const keyword of interest.keywords) addPhrase(keyword, SOURCE_WEIGHT.keyword, 'keyword');
  // Name and description are prose: each content word on its own.
  for (const word of stemsOf(interest.name).words) addPhrase(word, SOURCE_WEIGHT.name, 'name');
  for (const word of stemsOf(interest.description ?? '').words) addPhrase(word, SOURCE_WEIGHT.description, 'description');
  for (const [term, text] of tooCommon) if (!byTerm.has(term)) refused.push({ text, reason: 'idf-floor' });
  const once = new Set<string>();
  return {
    terms: [...byTerm.values()].sort((a, b) => b.weight - a.weight),
    refused: refused.filter((r) => !once.has(`${r.reason} ${r.text}`) && !!once.add(`${r.reason} ${r.text}`)),
  };
}

/** The text an interest is embedded from. Keywords are listed after the name and description
 *  so that every word counts once; the embedder's SIF weights do the rest. */
export function interestText(interest: Interest): string {
  return [interest.name, interest.description ?? '', ...interest.keywords].filter((s) => s.trim() !== '').join('. ');
}

export async function compileInterest(interest: Interest, embedder: Embedder, options: CompileOptions = {}): Promise<CompiledInterest> {
  const name = interest.name?.trim() ?? '';
  if (name === '') throw new InterestError('', 'has no name');
  if (!Array.isArray(interest.keywords)) throw new InterestError(name, 'keywords must be a list of strings');
  const { terms, refused } = interestTerms(interest, options);
  const [vector] = await embedder.embed([interestText(interest)]);
  // Only function words (or words every post holds): it would match everything or nothing.
  if (terms.length === 0) throw new InterestError(name, 'has no word to match on (only stopwords or words too common to tell posts apart)');
  return { name, terms, refused, vector, embedderId: embedder.id };
}
