// The matcher's term pool: every interest's query and compiled terms in two flat typed arrays
// (300k interests' Maps were 300k objects the IDF sweep re-weighted and the matched terms read),
// appended to as interests change and compacted when more than half is stale.

import type { CompiledInterest } from '../interest/interest.ts';

/** Where a row's compiled terms start after the count m at c (the term pool): c + 1 holds K,
 *  c + 2 EMPTY_QUERY. */
export const COMPILED_TERMS = 3;
/** An unlearned interest's compiled terms as the term pool keeps them (TermPool.put): per term
 *  the index of its key (its first occurrence among the distinct terms) and its weight. */
export interface CompiledPart {
  keys: number;
  keyOf: Int32Array;
  weights: Float64Array;
  /** Its query has no terms (the weights gave no positive norm). */
  empty: boolean;
}

/** `distinct`: the compiled terms are known to be distinct (then key i is term i). */
export function compiledPart(compiled: CompiledInterest, distinct: boolean, empty: boolean): CompiledPart {
  const terms = compiled.terms, keyOf = new Int32Array(terms.length);
  let keys = terms.length;
  if (distinct) for (let i = 0; i < terms.length; i++) keyOf[i] = i;
  else {
    const index = new Map<string, number>();
    terms.forEach(({ term }, i) => {
      let k = index.get(term);
      if (k === undefined) index.set(term, (k = index.size));
      keyOf[i] = k;
    });
    keys = index.size;
  }
  return { keys, keyOf, weights: Float64Array.from(terms, (t) => t.weight), empty };
}

/** Where each row's record starts in the pool (its index + 1; 0: none), kept by the owner of the
 *  rows (the matcher keeps it in the row's block of its calibration table, beside what the hot
 *  path reads with it), and how many rows there are. */
export interface RecordIndex {
  get(row: number): number;
  set(row: number, value: number): void;
  rows(): number;
}

/** Every interest's query terms, in the query's order (matched terms): at its record (RecordIndex)
 *  the count, then the dictionary ids; the weights at the same places in `weights`.
 *  Then its compiled terms, what the IDF sweep weighs the query from (Matcher's #reweigh): −1 for a
 *  learned query; else their count m, their distinct keys K, EMPTY_QUERY (1: the weights gave
 *  no positive norm, the query is empty), and per compiled term its key's index among the
 *  query's terms (first seen first, as queryVector), its weight at the same place in
 *  `weights`. Appended when an interest's terms change, compacted when more than half
 *  is stale. */
export class TermPool {
  ids = new Int32Array(4096);
  weights = new Float64Array(4096);
  #used = 0;
  #live = 0;
  readonly #records: RecordIndex;

  constructor(records: RecordIndex) {
    this.#records = records;
  }

  /** The row's query terms (and compiled terms: `compiled`, undefined for a learned query) into
   *  the pool; its previous ones become stale. */
  put(row: number, terms: readonly number[], weights: readonly number[], compiled: CompiledPart | undefined): void {
    const m = compiled ? compiled.keyOf.length : -1, length = terms.length + 2 + (m < 0 ? 0 : m + 2);
    // The same terms again (the same interest upserted again): new weights in place.
    const held = this.#records.get(row) - 1;
    let at = held;
    if (!(held >= 0 && this.ids[held] === terms.length && terms.every((t, i) => this.ids[held + 1 + i] === t) && this.ids[held + 1 + terms.length] === m)) {
      this.release(row);
      if (this.#used + length > this.ids.length) {
        if (this.#used > 2 * this.#live) this.#compact();
        const needed = this.#used + length;
        if (needed > this.ids.length) {
          const capacity = Math.max(needed, this.ids.length * 2);
          const pool = new Int32Array(capacity); pool.set(this.ids); this.ids = pool;
          const w = new Float64Array(capacity); w.set(this.weights); this.weights = w;
        }
      }
      at = this.#used;
      this.#used += length;
      this.#live += length;
      this.#records.set(row, at + 1);
    }
    const pool = this.ids, poolWeights = this.weights;
    pool[at] = terms.length;
    for (let i = 0; i < terms.length; i++) {
      pool[at + 1 + i] = terms[i];
      poolWeights[at + 1 + i] = weights[i];
    }
    const c = at + 1 + terms.length;
    pool[c] = m;
    if (!compiled) return;
    pool[c + 1] = compiled.keys;
    pool[c + 2] = compiled.empty ? 1 : 0;
    for (let i = 0; i < m; i++) {
      pool[c + COMPILED_TERMS + i] = compiled.keyOf[i];
      poolWeights[c + COMPILED_TERMS + i] = compiled.weights[i];
    }
  }

  /** Numbers of the record that starts at `at`. */
  recordLength(at: number): number {
    const pool = this.ids, c = at + 1 + pool[at], m = pool[c];
    return c - at + (m < 0 ? 1 : COMPILED_TERMS + m);
  }

  /** The row's record goes stale (its interest removed, or its terms changed). */
  release(row: number): void {
    const at = this.#records.get(row) - 1;
    if (at < 0) return;
    this.#live -= this.recordLength(at);
    this.#records.set(row, 0);
  }

  /** Rewrites the pool with the live rows' records only. */
  #compact(): void {
    const records = this.#records, old = this.ids, oldWeights = this.weights;
    const pool = new Int32Array(old.length), weights = new Float64Array(old.length);
    let used = 0;
    for (let row = 0; row < records.rows(); row++) {
      const at = records.get(row) - 1;
      if (at < 0) continue;
      const n = this.recordLength(at);
      pool.set(old.subarray(at, at + n), used);
      weights.set(oldWeights.subarray(at, at + n), used);
      records.set(row, used + 1);
      used += n;
    }
    this.ids = pool;
    this.weights = weights;
    this.#used = used;
    this.#live = used;
  }
}
