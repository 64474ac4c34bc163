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
/**
 * Distinct terms past which the rarest are forgotten (pruneIfFull), and how many may stay.
 * Nearly every post brings ~300 phrases never seen before (BBC News, 2,225 posts: 319 a post at
 * the end, 385 at the start), and a stream never stops: unbounded, the statistics reached V8's
 * limit of 2^24 entries in one Map (~16.8M terms: "Map maximum size exceeded") after ~56,000
 * posts (a /tmp probe of a matcher: 56,320), two days at Scour's rate, and the scoring stopped. Forgetting a term seen
 * fewer than k times (k ≥ 2, the least that brings the count under PRUNE_TO) costs at most
 * k − 1 of its document frequency each time: its IDF stays that of a rare term (lossy counting,
 * Manku and Motwani 2002). A matcher's interest terms are never forgotten. ~200 bytes of heap a
 * term: ~200 MB at the bound, which a stream of news reaches after ~3,000 posts; a prune then
 * takes ~20–40 ms and mostly drops terms seen once (/tmp probe: 2M terms → 148k in 39 ms).
 */
export const PRUNE_FROM = 1_000_000;
export const PRUNE_TO = 500_000;

/** p(word in a background document) for a stem or phrase; undefined when unknown. */
export type BackgroundFrequency = (term: string) => number | undefined;

export class CorpusStatistics {
  /** Each term's index, in the order first seen (toJSON's order); its document frequency at
   *  2 · index of #counts, its background prior next to it (read once: it never changes; NaN
   *  until then): an IDF reads both from one cache line. A caller that keeps a post's indices
   *  (add's `into`) reads IDFs with no string lookup (idfAt). */
  readonly #index = new Map<string, number>();
  readonly #terms: string[] = [];
  #counts = new Float64Array(2048);
  #documents = 0;
  #totalLength = 0;
  readonly #background: BackgroundFrequency;
  /** Terms left by the last prune: the next waits until twice as many (pruneIfFull), so that
   *  terms that may not be forgotten (300k interests' keywords: ~1M) do not bring a prune per batch. */
  #prunedTo = 0;

  constructor(background: BackgroundFrequency = () => undefined) {
    this.#background = background;
  }

  /** Counts a document. With `into`: writes the index of each of its terms (doc.counts' order)
   *  from `at` on, and returns the end of what was written. */
  add(doc: LexicalDocument, into?: Int32Array, at = 0): number {
    this.#documents++;
    this.#totalLength += doc.length;
    for (const term of doc.counts.keys()) {
      const i = this.#indexOf(term);
      this.#counts[2 * i]++;
      if (into) into[at++] = i;
    }
    return at;
  }

  /** The term's index (seen before) or a new one with frequency 0. */
  #indexOf(term: string): number {
    let i = this.#index.get(term);
    if (i !== undefined) return i;
    i = this.#terms.length;
    this.#index.set(term, i);
    this.#terms.push(term);
    if (2 * i === this.#counts.length) {
      const counts = new Float64Array(4 * i);
      counts.set(this.#counts);
      this.#counts = counts;
    }
    this.#counts[2 * i] = 0;
    this.#counts[2 * i + 1] = NaN;
    return i;
  }

  /**
   * Past `limit` distinct terms, forgets the rarest (PRUNE_FROM): those seen in fewer than k
   * documents, for the least k ≥ 2 that leaves at most `target`, except the terms whose index
   * `keep` tells (a matcher's interest terms). The others keep their counts, in their order, at
   * new indices: returns the old index → new index map (−1: forgotten), or undefined when
   * nothing was done. Indices a caller holds (add's `into`, termIndex) must go through it. When
   * more than `target` had to stay, the next prune waits until the terms have doubled.
   */
  pruneIfFull(keep?: (index: number) => boolean, limit = PRUNE_FROM, target = PRUNE_TO): Int32Array | undefined {
    const count = this.#terms.length;
    if (count <= Math.max(limit, 2 * this.#prunedTo)) return undefined;
    // How many prunable terms have each document frequency (the last bin: that many or more).
    const BINS = 64;
    const histogram = new Float64Array(BINS);
    let kept = 0;
    for (let i = 0; i < count; i++) {
      if (keep?.(i)) kept++;
      else histogram[Math.min(BINS - 1, this.#counts[2 * i])]++;
    }
    let below = 2, remaining = count - kept - histogram[0] - histogram[1];
    while (below < BINS - 1 && kept + remaining > target) remaining -= histogram[below++];
    const remap = new Int32Array(count).fill(-1);
    const terms = this.#terms, counts = this.#counts;
    const index = this.#index;
    index.clear();
    let n = 0;
    for (let i = 0; i < count; i++) {
      if (counts[2 * i] < below && !keep?.(i)) continue;
      remap[i] = n;
      terms[n] = terms[i];
      counts[2 * n] = counts[2 * i];
      counts[2 * n + 1] = counts[2 * i + 1];
      index.set(terms[n], n);
      n++;
    }
    terms.length = n;
    this.#counts = counts.slice(0, Math.max(2048, 2 * n * 2));
    this.#prunedTo = n;
    return remap;
  }

  /** The index add() gives a term seen in some document; −1 for a term never seen. */
  termIndex(term: string): number {
    return this.#index.get(term) ?? -1;
  }

  /** The term at index `i` (below terms). */
  termAt(i: number): string {
    return this.#terms[i];
  }

  /** Distinct terms seen (indices are below this). */
  get terms(): number {
    return this.#terms.length;
  }

  /** idf() of the term at index `i` (termIndex, add's `into`), to the bit. */
  idfAt(i: number): number {
    const counts = this.#counts;
    let prior = counts[2 * i + 1];
    if (prior !== prior) prior = counts[2 * i + 1] = this.backgroundPrior(this.#terms[i]);
    return this.idfOf(counts[2 * i], prior);
  }

  get documents(): number {
    return this.#documents;
  }

  documentFrequency(term: string): number {
    const i = this.#index.get(term);
    return i === undefined ? 0 : this.#counts[2 * i];
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
    // A term seen: by its index, whose background prior is read once (idfAt).
    const i = this.#index.get(term);
    return i === undefined ? this.idfOf(0, this.backgroundPrior(term)) : this.idfAt(i);
  }

  /** idf() of a term with this document frequency and background prior, to the bit. */
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
    for (let i = 0; i < this.#terms.length; i++) {
      const term = this.#terms[i], n = this.#counts[2 * i];
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
    for (let i = 0; i < json.terms.length; i++) {
      const at = out.#indexOf(json.terms[i]); // first: it may grow #counts
      out.#counts[2 * at] = json.counts[i];
    }
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
