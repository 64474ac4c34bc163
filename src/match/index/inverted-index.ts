// The lexical side of the standing-query index: term → (interest, weight) postings in
// typed arrays (CSR: one offsets array, postings sorted by slot within each term), scored
// term-at-a-time into a dense accumulator so a post touches only interests sharing a term.
//
// Changes are incremental: an added or edited interest's postings go to a small delta
// index; an edited or removed interest's old postings get weight 0 in place (found by
// binary search, since postings are sorted by slot). merge() folds the delta into a fresh
// CSR; it runs by itself once the delta holds more than a fraction of the base.
import { filterKeywords, defaultKeywordPolicy, type KeywordPolicy, type KeywordVerdict } from './keyword-policy.ts';
import type { TermDictionary } from './term-dictionary.ts';
import { UnknownInterestError } from '../kernel/interest-matrix.ts';

/** Interests a post touched, with accumulated Σ post weight × keyword weight. Reused between calls. */
export class LexicalHits {
  slots: Int32Array = new Int32Array(1024);
  scores: Float32Array = new Float32Array(1024);
  /** How many of the post's terms each holds (when countTerms). */
  matchedTerms: Uint16Array = new Uint16Array(1024);
  length = 0;
  /** `countTerms` false: matchedTerms is left alone (a caller that does not read it saves a
   *  write at random per posting). */
  readonly countTerms: boolean;
  constructor(countTerms = true) {
    this.countTerms = countTerms;
  }
}

/** Many interests' keywords at once, with no object per interest: interest ids[i] holds
 *  terms / weights [start[i], start[i + 1]), i < length. */
export interface KeywordBatch {
  length: number;
  ids: Int32Array;
  start: Int32Array;
  terms: Int32Array;
  weights: Float64Array;
}

interface DeltaPostings {
  slots: number[];
  weights: number[];
}

export interface InvertedIndexOptions {
  policy?: KeywordPolicy;
  /** Merge when delta postings exceed this share of the base (default 0.1, at least 4096 postings). */
  mergeRatio?: number;
}

export class InvertedIndex {
  readonly dictionary: TermDictionary;
  private readonly policy: KeywordPolicy;
  private readonly mergeRatio: number;

  // Base, CSR: postings of term t are [termStart[t], termStart[t + 1]).
  private termStart = new Int32Array(1);
  private postingSlot = new Int32Array(0);
  private postingWeight = new Float32Array(0);

  private delta = new Map<number, DeltaPostings>();
  private loading = false;
  private deltaCount = 0;

  // Current keywords of every slot (the source merge() rebuilds from). Plain arrays: a
  // typed array per slot costs ~4× the memory at 300k interests (measured: ~400 vs ~100 MB).
  private slotTerms: (number[] | undefined)[] = [];
  private slotWeights: (number[] | undefined)[] = [];
  private slotIds: number[] = [];
  private readonly slotOf = new Map<number, number>();
  private readonly freeSlots: number[] = [];

  // reweight()'s way from a slot's keywords to their base postings: the live postings of slot s,
  // in term order (its held keywords' order, as merge() lays them out), at [positionStart[s],
  // positionStart[s + 1]) of `positions`; built for one base (`positionsFor`, its postingSlot)
  // when a reweight first needs it. A binary search per keyword in its postings (a cache miss
  // or more each: ~0.5 s of an IDF refresh at 300k interests) becomes one checked read.
  private positionsFor: Int32Array | undefined;
  private positionStart = new Int32Array(0);
  private positions = new Int32Array(0);

  // Accumulator: dense per slot, all zero between queries.
  private accumulator = new Float32Array(0);
  private matched = new Uint16Array(0);

  constructor(dictionary: TermDictionary, options: InvertedIndexOptions = {}) {
    this.dictionary = dictionary;
    this.policy = options.policy ?? defaultKeywordPolicy;
    this.mergeRatio = options.mergeRatio ?? 0.1;
  }

  get size(): number { return this.slotOf.size; }
  get postings(): number { return this.postingSlot.length + this.deltaCount; }
  get deltaPostings(): number { return this.deltaCount; }
  has(id: number): boolean { return this.slotOf.has(id); }
  /** Postings a post containing `term` would scan (base and delta, retired included). */
  postingsOf(term: number): number {
    const base = term < this.termStart.length - 1 ? this.termStart[term + 1] - this.termStart[term] : 0;
    return base + (this.delta.get(term)?.slots.length ?? 0);
  }
  idOfSlot(slot: number): number { return this.slotIds[slot]; }

  /** The keywords an interest holds now (after the policy), for display and tests. */
  keywords(id: number): { term: number; weight: number }[] {
    const slot = this.slotOf.get(id);
    if (slot === undefined) throw new UnknownInterestError('InvertedIndex.keywords', id);
    const terms = this.slotTerms[slot]!, weights = this.slotWeights[slot]!;
    return terms.map((term, i) => ({ term, weight: weights[i] }));
  }

  /**
   * Start-up load, or many interests changed at once (an IDF refresh re-weights every one):
   * sets them, then builds the CSR base once (no delta and no retired postings on the way,
   * which at 300k interests would cost millions of edits for nothing). Interests not given
   * keep their keywords. Returns the number of keywords the policy refused.
   */
  load(entries: Iterable<{ id: number; terms: ArrayLike<number>; weights: ArrayLike<number> }>): number {
    let refused = 0;
    this.loading = true;
    try {
      for (const { id, terms, weights } of entries) refused += this.set(id, terms, weights).refused.length;
    } finally {
      // Also when an entry throws: the base is rebuilt from what was set (set() skipped retiring).
      this.loading = false;
      this.merge();
    }
    return refused;
  }

  /**
   * New weights for interests whose keywords stay the same (an IDF refresh re-weights every
   * interest), written where their postings are: no verdict, sort or rebuild per interest.
   * Returns false when that cannot be done for every one — an interest unknown, its terms not
   * the ones it holds (or one given twice), a weight not finite and > 0 in float32, or the
   * policy's IDF floor in force (its verdict could have changed) — and the
   * caller then load()s them: load() rewrites every interest given, so the ones already
   * rewritten here end up the same. The weights end up as a load would leave them (float32,
   * same postings in the same order), so scores are equal to the bit.
   */
  reweight(batch: KeywordBatch): boolean {
    if (this.dictionary.documents >= this.policy.minDocuments) return false;
    this.buildPositions();
    const { termStart, postingSlot, postingWeight, positionStart, positions } = this;
    const baseTerms = termStart.length - 1;
    const { ids, start, terms, weights } = batch;
    let given = new Uint8Array(64);
    for (let e = 0; e < batch.length; e++) {
      const slot = this.slotOf.get(ids[e]), from = start[e], count = start[e + 1] - from;
      const held = slot === undefined ? undefined : this.slotTerms[slot];
      if (slot === undefined || !held || held.length !== count) return false;
      const heldWeights = this.slotWeights[slot]!;
      if (given.length < held.length) given = new Uint8Array(held.length * 2);
      given.fill(0, 0, held.length);
      for (let k = from; k < from + count; k++) {
        const term = terms[k], raw = weights[k], w = Math.fround(raw);
        if (!Number.isFinite(raw) || !(w > 0)) return false;
        let lo = 0, hi = held.length - 1; // held terms are sorted
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (held[mid] < term) lo = mid + 1; else hi = mid;
        }
        if (held[lo] !== term || given[lo]) return false;
        given[lo] = 1;
        // The live posting: in the base (sorted by slot) or, added since the last merge, in the delta.
        let at = -1;
        if (term < baseTerms) {
          // Where the base put it, else searched. Checked by its weight alone: the positions are
          // this base's (postingSlot[p] is the slot), and a slot whose keywords changed since (or
          // that another interest took) has every posting there retired, at weight 0 (one read
          // fewer at random per keyword: ~350k a batch in the matcher's IDF sweep at 300k).
          const q: number = positionStart[slot] + lo;
          const p: number = q < positionStart[slot + 1] ? positions[q] : -1;
          if (p >= 0 && postingWeight[p] !== 0) at = p;
          else {
            let a = termStart[term], z = termStart[term + 1] - 1;
            while (a <= z) {
              const mid = (a + z) >> 1, s = postingSlot[mid];
              if (s === slot) { if (postingWeight[mid] !== 0) at = mid; break; }
              if (s < slot) a = mid + 1; else z = mid - 1;
            }
          }
        }
        if (at >= 0) postingWeight[at] = w;
        else {
          const list = this.delta.get(term);
          if (list) for (let p = 0; p < list.slots.length; p++) if (list.slots[p] === slot && list.weights[p] !== 0) at = p;
          if (at < 0) return false;
          list!.weights[at] = w;
        }
        heldWeights[lo] = w;
      }
    }
    return true;
  }

  /** reweight()'s positions for the current base (once per merge). */
  private buildPositions(): void {
    const { termStart, postingSlot, postingWeight } = this;
    if (this.positionsFor === postingSlot) return;
    const slots = this.slotTerms.length;
    const start = new Int32Array(slots + 1);
    for (let p = 0; p < postingSlot.length; p++) if (postingWeight[p] !== 0) start[postingSlot[p] + 1]++;
    for (let s = 0; s < slots; s++) start[s + 1] += start[s];
    const fill = start.slice(0, slots), positions = new Int32Array(start[slots]);
    for (let t = 0; t < termStart.length - 1; t++) {
      for (let p = termStart[t], end = termStart[t + 1]; p < end; p++) if (postingWeight[p] !== 0) positions[fill[postingSlot[p]]++] = p;
    }
    this.positionStart = start;
    this.positions = positions;
    this.positionsFor = postingSlot;
  }

  /** Adds or replaces an interest's keywords; returns what the keyword policy accepted and refused. */
  set(id: number, terms: ArrayLike<number>, weights: ArrayLike<number>): KeywordVerdict {
    if (terms.length !== weights.length) throw new RangeError(`InvertedIndex.set: ${terms.length} terms but ${weights.length} weights for interest ${id}`);
    const verdict = filterKeywords(terms, weights, this.dictionary, this.policy);
    let slot = this.slotOf.get(id);
    if (slot !== undefined && !this.loading && this.reweightInPlace(slot, verdict)) return verdict;
    if (slot === undefined) {
      slot = this.freeSlots.length ? this.freeSlots.pop()! : this.slotIds.length;
      this.slotOf.set(id, slot);
      this.slotIds[slot] = id;
      this.ensureSlots(slot + 1);
    } else if (!this.loading) {
      this.retire(slot); // a load rebuilds the base from slotTerms and empties the delta anyway
    }
    const order = verdict.accepted.map((_, i) => i).sort((a, b) => verdict.accepted[a] - verdict.accepted[b]);
    const slotTerms = order.map((i) => verdict.accepted[i]);
    const slotWeights = order.map((i) => Math.fround(verdict.weights[i]));
    this.slotTerms[slot] = slotTerms;
    this.slotWeights[slot] = slotWeights;
    if (this.loading) return verdict; // load() merges at the end
    for (let i = 0; i < slotTerms.length; i++) {
      let list = this.delta.get(slotTerms[i]);
      if (!list) this.delta.set(slotTerms[i], (list = { slots: [], weights: [] }));
      list.slots.push(slot);
      list.weights.push(slotWeights[i]);
    }
    this.deltaCount += slotTerms.length;
    if (this.deltaCount > Math.max(4096, this.mergeRatio * this.postingSlot.length)) this.merge();
    return verdict;
  }

  remove(id: number): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.retire(slot);
    this.slotTerms[slot] = undefined;
    this.slotWeights[slot] = undefined;
    this.slotOf.delete(id);
    this.freeSlots.push(slot);
    return true;
  }

  /** Rebuilds the CSR base from every current interest and empties the delta. */
  merge(): void {
    const terms = this.dictionary.size;
    const counts = new Int32Array(terms + 1);
    let total = 0;
    for (const slotTerms of this.slotTerms) {
      if (!slotTerms) continue;
      for (let i = 0; i < slotTerms.length; i++) counts[slotTerms[i] + 1]++;
      total += slotTerms.length;
    }
    for (let t = 0; t < terms; t++) counts[t + 1] += counts[t];
    const termStart = counts.slice();
    const fill = counts; // reused as the write cursor per term
    const postingSlot = new Int32Array(total);
    const postingWeight = new Float32Array(total);
    // Slots in increasing order, so each term's postings come out sorted by slot.
    for (let slot = 0; slot < this.slotTerms.length; slot++) {
      const slotTerms = this.slotTerms[slot];
      if (!slotTerms) continue;
      const weights = this.slotWeights[slot]!;
      for (let i = 0; i < slotTerms.length; i++) {
        const at = fill[slotTerms[i]]++;
        postingSlot[at] = slot;
        postingWeight[at] = weights[i];
      }
    }
    this.termStart = termStart;
    this.postingSlot = postingSlot;
    this.postingWeight = postingWeight;
    this.delta.clear();
    this.deltaCount = 0;
  }

  /**
   * Term-at-a-time: for each of the post's terms, adds weight × keyword weight to every
   * interest holding that keyword. Returns the interests touched (slots; see idOfSlot).
   * Post terms with weight ≤ 0 are ignored.
   */
  score(terms: ArrayLike<number>, weights: ArrayLike<number>, hits: LexicalHits = new LexicalHits()): LexicalHits {
    // Keyword and post weights are > 0, so an accumulator is 0 exactly when this query has
    // not touched it yet; the touched ones are zeroed again at the end (cost ∝ touched).
    const { accumulator, matched, termStart, postingSlot, postingWeight } = this;
    const baseTerms = termStart.length - 1, count = hits.countTerms;
    let touched = hits.slots;
    let n = 0;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i], q = weights[i];
      if (!(q > 0)) continue;
      if (term < baseTerms) {
        for (let p = termStart[term], end = termStart[term + 1]; p < end; p++) {
          const w = postingWeight[p];
          if (w === 0) continue; // retired: its interest was edited or removed since the merge
          const slot = postingSlot[p];
          if (accumulator[slot] === 0) {
            if (n === touched.length) touched = grow(touched, n * 2);
            touched[n++] = slot;
          }
          accumulator[slot] += q * w;
          if (count) matched[slot]++;
        }
      }
      const list = this.deltaCount ? this.delta.get(term) : undefined;
      if (list) {
        for (let p = 0; p < list.slots.length; p++) {
          const w = list.weights[p];
          if (w === 0) continue;
          const slot = list.slots[p];
          if (accumulator[slot] === 0) {
            if (n === touched.length) touched = grow(touched, n * 2);
            touched[n++] = slot;
          }
          accumulator[slot] += q * w;
          if (count) matched[slot]++;
        }
      }
    }
    hits.slots = touched;
    if (hits.scores.length < touched.length) {
      hits.scores = new Float32Array(touched.length);
      if (count) hits.matchedTerms = new Uint16Array(touched.length);
    }
    for (let i = 0; i < n; i++) {
      const slot = touched[i];
      hits.scores[i] = accumulator[slot];
      accumulator[slot] = 0;
      if (count) {
        hits.matchedTerms[i] = matched[slot];
        matched[slot] = 0;
      }
    }
    hits.length = n;
    return hits;
  }

  /**
   * The same keywords with new weights (the matcher re-weights every interest when the stream's
   * IDF moves: 300k interests × ~7 keywords through retire + delta + merge cost ~10 s): each
   * live posting's weight is rewritten where it is. Scores are the same as after a set() the
   * long way (a slot's sum runs in the post's term order either way). False, with nothing
   * changed, when the keywords differ or a posting is not found live (then set() goes on).
   */
  private reweightInPlace(slot: number, verdict: KeywordVerdict): boolean {
    const old = this.slotTerms[slot], accepted = verdict.accepted;
    if (!old || old.length !== accepted.length) return false;
    const order = accepted.map((_, i) => i).sort((a, b) => accepted[a] - accepted[b]);
    const weights = new Array<number>(order.length);
    for (let i = 0; i < order.length; i++) {
      if (accepted[order[i]] !== old[i]) return false;
      weights[i] = Math.fround(verdict.weights[order[i]]);
      if (!(weights[i] > 0)) return false; // a weight rounding to 0 would read as retired
    }
    // Where each live posting is: its index in the base (≥ 0) or −1 − its index in the delta list.
    const at = new Array<number>(old.length);
    const baseTerms = this.termStart.length - 1;
    for (let i = 0; i < old.length; i++) {
      const term = old[i];
      let found = NaN;
      if (term < baseTerms) {
        let lo = this.termStart[term], hi = this.termStart[term + 1] - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const s = this.postingSlot[mid];
          if (s === slot) { if (this.postingWeight[mid] !== 0) found = mid; break; }
          if (s < slot) lo = mid + 1; else hi = mid - 1;
        }
      }
      const list = this.delta.get(term);
      if (list) for (let p = 0; p < list.slots.length; p++) if (list.slots[p] === slot && list.weights[p] !== 0) found = -1 - p;
      if (Number.isNaN(found)) return false;
      at[i] = found;
    }
    for (let i = 0; i < old.length; i++) {
      if (at[i] >= 0) this.postingWeight[at[i]] = weights[i];
      else this.delta.get(old[i])!.weights[-1 - at[i]] = weights[i];
    }
    this.slotWeights[slot] = weights;
    return true;
  }

  /** Zeroes a slot's current postings in base and delta (its keywords are being replaced). */
  private retire(slot: number): void {
    const terms = this.slotTerms[slot];
    if (!terms) return;
    const baseTerms = this.termStart.length - 1;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i];
      if (term < baseTerms) {
        let lo = this.termStart[term], hi = this.termStart[term + 1] - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const s = this.postingSlot[mid];
          if (s === slot) { this.postingWeight[mid] = 0; break; }
          if (s < slot) lo = mid + 1; else hi = mid - 1;
        }
      }
      const list = this.delta.get(term);
      if (list) for (let p = 0; p < list.slots.length; p++) if (list.slots[p] === slot) list.weights[p] = 0;
    }
  }

  private ensureSlots(slots: number): void {
    if (this.accumulator.length >= slots) return;
    const capacity = Math.max(slots, this.accumulator.length * 2, 1024);
    this.accumulator = new Float32Array(capacity);
    this.matched = new Uint16Array(capacity);
  }
}

function grow(array: Int32Array, capacity: number): Int32Array {
  const out = new Int32Array(capacity);
  out.set(array);
  return out;
}
