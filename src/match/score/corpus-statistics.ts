// Document frequencies of stems and phrases over the posts seen so far, smoothed towards a
// background estimate so that IDF is sensible from the first post on (a brand-new instance,
// or a `score` batch of a dozen posts, has no useful frequencies of its own).
//
// Background: GloVe's vocabulary is in frequency order, so a word's rank gives p(word) by
// Zipf's law (see embed/sif.ts); a document of L tokens contains it with probability
// 1 − exp(−L·p). The background counts as BACKGROUND_DOCUMENTS pseudo-documents; the
// stream's own counts take over as it grows past that.

import type { LexicalDocument } from './document.ts';

/** Weight of the background prior, in documents: enough to steady a batch of tens, small
 *  beside a stream of thousands. */
export const BACKGROUND_DOCUMENTS = 200;
/** Typical content length of a post, in tokens (stopwords excluded). */
const TYPICAL_LENGTH = 150;

/** p(word in a background document) for a stem or phrase; undefined when unknown. */
export type BackgroundFrequency = (term: string) => number | undefined;

export class CorpusStatistics {
  readonly #df = new Map<string, number>();
  #documents = 0;
  #totalLength = 0;
  readonly #background: BackgroundFrequency;
  /** Terms whose document frequency grew since the last takeChanges(), while a caller caches
   *  frequencies (trackChanges); undefined: not tracked. A set: its size stays under the
   *  vocabulary however long the caller waits. */
  #changed: Set<string> | undefined;

  constructor(background: BackgroundFrequency = () => undefined) {
    this.#background = background;
  }

  add(doc: LexicalDocument): void {
    this.#documents++;
    this.#totalLength += doc.length;
    const changed = this.#changed;
    for (const term of doc.counts.keys()) {
      this.#df.set(term, (this.#df.get(term) ?? 0) + 1);
      changed?.add(term);
    }
  }

  /** From now on, keep the terms whose document frequency grows, for takeChanges(): a cache of
   *  frequencies by term (the matcher's IDF refresh: ~1M terms, ~300 ns a Map read each) then
   *  re-reads only those, and gets each IDF from idfOf(). */
  trackChanges(): void {
    this.#changed ??= new Set();
  }

  /** The terms whose document frequency grew since the last call (or trackChanges()); empty
   *  when not tracked. */
  takeChanges(): Set<string> {
    const changed = this.#changed ?? new Set<string>();
    if (this.#changed) this.#changed = new Set();
    return changed;
  }

  get documents(): number {
    return this.#documents;
  }

  documentFrequency(term: string): number {
    return this.#df.get(term) ?? 0;
  }

  averageLength(): number {
    const n = this.#documents + BACKGROUND_DOCUMENTS;
    return (this.#totalLength + BACKGROUND_DOCUMENTS * TYPICAL_LENGTH) / n;
  }

  /** Share of documents holding the term, smoothed by the background. */
  documentShare(term: string): number {
    return this.shareOf(this.documentFrequency(term), this.backgroundPrior(term));
  }

  /** The background's share of documents holding the term (unknown: rare); it never changes. */
  backgroundPrior(term: string): number {
    return this.#background(term) ?? 1 / (BACKGROUND_DOCUMENTS * 10);
  }

  /** documentShare of a term with this document frequency and background prior. */
  shareOf(documentFrequency: number, prior: number): number {
    return (documentFrequency + BACKGROUND_DOCUMENTS * prior + 0.5) / (this.#documents + BACKGROUND_DOCUMENTS + 1);
  }

  /** BM25's IDF, ln(1 + (1 − s)/s) for document share s: ≥ 0, large for rare terms. */
  idf(term: string): number {
    return this.idfOf(this.documentFrequency(term), this.backgroundPrior(term));
  }

  /** idf() of a term with this document frequency and background prior, to the bit: for callers
   *  that cache both by term (trackChanges). */
  idfOf(documentFrequency: number, prior: number): number {
    const s = this.shareOf(documentFrequency, prior);
    return Math.log(1 + (1 - s) / s);
  }

  /**
   * The counts as plain JSON, to be saved between runs. Phrases seen once are left out: they are
   * most of the distinct keys (on BBC News 0.7M phrases against 23k stems, 85% of them seen once)
   * and a phrase's document frequency only weighs the phrase itself, never a post's norm.
   */
  toJSON(): CorpusStatisticsJson {
    const terms: string[] = [];
    const counts: number[] = [];
    for (const [term, n] of this.#df) {
      if (n < 2 && term.includes(' ')) continue;
      terms.push(term);
      counts.push(n);
    }
    return { version: 1, documents: this.#documents, totalLength: this.#totalLength, terms, counts };
  }

  static fromJSON(json: CorpusStatisticsJson, background?: BackgroundFrequency): CorpusStatistics {
    const ok = json && json.version === 1 && Number.isInteger(json.documents) && Number.isFinite(json.totalLength) &&
      Array.isArray(json.terms) && Array.isArray(json.counts) && json.terms.length === json.counts.length;
    if (!ok) throw new TypeError('CorpusStatistics.fromJSON: not a saved corpus (version 1 with documents, totalLength, terms and counts)');
    const out = new CorpusStatistics(background);
    out.#documents = json.documents;
    out.#totalLength = json.totalLength;
    for (let i = 0; i < json.terms.length; i++) out.#df.set(json.terms[i], json.counts[i]);
    return out;
  }
}

export interface CorpusStatisticsJson {
  version: 1;
  documents: number;
  totalLength: number;
  /** Terms and their document frequencies, index by index (two arrays: half the JSON of pairs). */
  terms: string[];
  counts: number[];
}

/** The background share of documents holding a word of the given frequency probability. */
export function backgroundShare(wordProbability: number, length = TYPICAL_LENGTH): number {
  return 1 - Math.exp(-length * wordProbability);
}
