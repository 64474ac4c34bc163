// One batch's lexical side (Matcher.#scorePosts): the posts counted in the stream's statistics,
// each post's TF-IDF terms at the IDF then, the interests sharing a term with it (ℓ from the
// inverted index), and each post's terms as a small hash table behind a bit filter, where the
// matcher looks up the matched terms of the pairs it stores. Typed arrays kept between batches.

import { LexicalHits, type InvertedIndex } from '../index/inverted-index.ts';
import type { CorpusStatistics } from '../score/corpus-statistics.ts';
import type { LexicalDocument } from '../score/document.ts';
import { tfidfInto } from '../score/tfidf.ts';

/** One batch's lexical side, by post (LexicalBatches.build). */
export interface LexicalBatch {
  hitStart: Int32Array;
  hitRow: Int32Array;
  hitScore: Float32Array;
  /** Post j's terms as a hash table of slots [tableStart[j], tableStart[j + 1]) (a power of two,
   *  at least twice its terms; open addressing from termSlot): slot s is the term id at 2s (−1:
   *  empty) and its TF-IDF weight at 2s + 1, so a probe that finds the term has its weight in
   *  the same cache line. */
  tableStart: Int32Array;
  table: Float64Array;
  /** Per post, FILTER_WORDS words: bit filterBit(id) set for each of its terms (64 bytes a post,
   *  all of a batch's in cache: most of an interest's terms are turned away before the table). */
  filter: Int32Array;
}

export const FILTER_WORDS = 16;
/** A term id's bit in a post's 512-bit filter (another multiplier than termSlot's: a term the
 *  filter lets through by mistake does not land on the slot of the term it was mistaken for). */
export function filterBit(id: number): number {
  return Math.imul(id, 0x85ebca6b) >>> 23;
}

/** A term id's first slot in a post's table of 2^(32 − shift) (Fibonacci hashing: ids are dense
 *  and sequential). */
export function termSlot(id: number, shift: number): number {
  return Math.imul(id, 0x9e3779b1) >>> shift;
}

export class LexicalBatches {
  // Kept between batches (batches are serial): a batch of 1,024 posts holds ~0.2M hits and
  // ~0.1M terms, megabytes of typed arrays a batch that brought full collections of a heap of a
  // gigabyte at 300k interests.
  readonly #scratch = {
    hitStart: new Int32Array(0), termStart: new Int32Array(0), tableStart: new Int32Array(0),
    hitRow: new Int32Array(4096), hitScore: new Float32Array(4096), termId: new Int32Array(4096), termWeight: new Float64Array(4096),
    table: new Float64Array(0), filter: new Int32Array(0),
    statStart: new Int32Array(0), statTerms: new Int32Array(4096),
  };
  readonly #hits = new LexicalHits(false); // the matcher reads no term counts

  /** Counts the batch's posts in `stats`, keeping each post's term indices (in doc.counts'
   *  order) for build: post j's at [statStart[j], statStart[j + 1]). */
  count(posts: readonly { doc: LexicalDocument }[], stats: CorpusStatistics): void {
    const scratch = this.#scratch, n = posts.length;
    if (scratch.statStart.length < n + 1) scratch.statStart = new Int32Array(n + 1);
    const start = scratch.statStart;
    start[0] = 0;
    for (let j = 0; j < n; j++) {
      const doc = posts[j].doc, from = start[j];
      if (from + doc.counts.size > scratch.statTerms.length) {
        const grown = new Int32Array(Math.max(from + doc.counts.size, scratch.statTerms.length * 2));
        grown.set(scratch.statTerms);
        scratch.statTerms = grown;
      }
      start[j + 1] = stats.add(doc, scratch.statTerms, from);
    }
  }

  /** Each post's TF-IDF terms (dictionary ids, weights: `dictIdOf` maps the statistics' index
   *  of a term to its id, −1 for none an interest holds) and the interests sharing a term with it
   *  (rows, ℓ = Σ q_t · x_t from the inverted index), post j's at [start[j], start[j + 1]). The
   *  posts must have been counted (count) just before. */
  build(posts: readonly { doc: LexicalDocument }[], stats: CorpusStatistics, dictIdOf: (index: number) => number, index: InvertedIndex): LexicalBatch {
    const scratch = this.#scratch, n = posts.length;
    if (scratch.hitStart.length < n + 1) { scratch.hitStart = new Int32Array(n + 1); scratch.termStart = new Int32Array(n + 1); scratch.tableStart = new Int32Array(n + 1); }
    if (scratch.filter.length < n * FILTER_WORDS) scratch.filter = new Int32Array(n * FILTER_WORDS);
    const { hitStart, termStart } = scratch;
    hitStart[0] = 0; termStart[0] = 0;
    let { hitRow, hitScore, termId, termWeight } = scratch;
    for (let j = 0; j < n; j++) {
      const doc = posts[j].doc, from = termStart[j];
      if (from + doc.counts.size > termId.length) {
        const capacity = Math.max(from + doc.counts.size, termId.length * 2);
        const ids = new Int32Array(capacity); ids.set(termId); termId = ids;
        const weights = new Float64Array(capacity); weights.set(termWeight); termWeight = weights;
      }
      // The post's TF-IDF weights of the terms some interest holds (tfidfVector's numbers).
      const to = termStart[j + 1] = tfidfInto(doc, stats, scratch.statTerms, scratch.statStart[j], dictIdOf, termId, termWeight, from);
      // Weights ≤ 0 are skipped by the index itself.
      const hits = index.score(termId.subarray(from, to), termWeight.subarray(from, to), this.#hits);
      const at = hitStart[j];
      if (at + hits.length > hitRow.length) {
        const capacity = Math.max(at + hits.length, hitRow.length * 2);
        const rows = new Int32Array(capacity); rows.set(hitRow); hitRow = rows;
        const scores = new Float32Array(capacity); scores.set(hitScore); hitScore = scores;
      }
      for (let i = 0; i < hits.length; i++) {
        hitRow[at + i] = index.idOfSlot(hits.slots[i]);
        hitScore[at + i] = hits.scores[i];
      }
      hitStart[j + 1] = at + hits.length;
    }
    // Each post's terms in a hash table by id, for #matchedTermIds (ids are unique in a post),
    // behind a 512-bit filter: most of an interest's terms are not in the post.
    const tableStart = scratch.tableStart;
    tableStart[0] = 0;
    for (let j = 0; j < n; j++) tableStart[j + 1] = tableStart[j] + Math.max(16, 4 << (31 - Math.clz32(Math.max(1, termStart[j + 1] - termStart[j]))));
    if (scratch.table.length < 2 * tableStart[n]) scratch.table = new Float64Array(3 * tableStart[n]);
    const table = scratch.table, filter = scratch.filter;
    table.fill(-1, 0, 2 * tableStart[n]);
    filter.fill(0, 0, n * FILTER_WORDS);
    for (let j = 0; j < n; j++) {
      const base = tableStart[j], size = tableStart[j + 1] - base, shift = Math.clz32(size) + 1;
      for (let i = termStart[j]; i < termStart[j + 1]; i++) {
        const id = termId[i], bit = filterBit(id);
        filter[j * FILTER_WORDS + (bit >>> 5)] |= 1 << (bit & 31);
        let slot = termSlot(id, shift);
        while (table[2 * (base + slot)] !== -1) slot = (slot + 1) & (size - 1);
        table[2 * (base + slot)] = id;
        table[2 * (base + slot) + 1] = termWeight[i];
      }
    }
    Object.assign(scratch, { hitRow, hitScore, termId, termWeight });
    return { hitStart, hitRow, hitScore, tableStart, table, filter };
  }
}
