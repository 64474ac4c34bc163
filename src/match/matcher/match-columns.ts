// A batch's stored pairs as columns: at 300k interests a post can store thousands of pairs, and
// one Match object (plus its list of terms) per pair cost more than scoring the pair (measured
// in matcher/README.md). Matched terms are kept as dictionary ids, turned into strings only when
// a pair is read. `match(i)` / `toMatches()` give the Match objects for callers that want them.

import { DEFAULT_THRESHOLD } from '../batch.ts';
import type { Match } from './match.ts';

const NO_TERMS: readonly string[] = Object.freeze([]);

export class MatchColumns {
  length = 0;
  postId: Float64Array;
  interestId: Float64Array;
  /** Standard deviations above the interest's typical off-topic post. */
  score: Float64Array;
  /** z of the cosine, z of the lexical signal. */
  semantic: Float64Array;
  lexical: Float64Array;
  cosine: Float32Array;
  /** 1 when the score reached the interest's threshold. */
  aboveThreshold: Uint8Array;
  /** The threshold the pair was judged against, and feedback's part in it (Match.feedback). */
  threshold: Float32Array;
  feedback: Float32Array;
  /** The chance level every threshold of the batch started from (Match.chance): one per batch. */
  chance = DEFAULT_THRESHOLD;
  /** Pair i's matched terms are termIds[termStart[i] .. termStart[i + 1]), strongest first. */
  termStart: Int32Array;
  termIds: Int32Array;
  readonly #termOf: (id: number) => string;

  /** `termOf` turns a term id into its text (the matcher's dictionary); `capacity`: the pairs
   *  expected (growing past it copies every column: at millions of pairs per batch, garbage
   *  that costs full collections). */
  constructor(termOf: (id: number) => string, capacity = 1024) {
    this.#termOf = termOf;
    const n = Math.max(16, Math.ceil(capacity));
    this.postId = new Float64Array(n);
    this.interestId = new Float64Array(n);
    this.score = new Float64Array(n);
    this.semantic = new Float64Array(n);
    this.lexical = new Float64Array(n);
    this.cosine = new Float32Array(n);
    this.aboveThreshold = new Uint8Array(n);
    this.threshold = new Float32Array(n);
    this.feedback = new Float32Array(n);
    this.termStart = new Int32Array(n + 1);
    this.termIds = new Int32Array(n * 2);
  }

  /** Empty again, its capacity kept (a batch refilling the columns of the one before). */
  clear(): void {
    this.length = 0;
  }

  /** Room for `pairs` more pairs with `terms` more matched terms, for a caller that writes the
   *  columns directly (then sets termStart[length + 1] per pair and `length`). */
  reserve(pairs: number, terms: number): void {
    if (this.length + pairs > this.postId.length) this.#grow(Math.max(this.length + pairs, this.postId.length * 2));
    const end = this.termStart[this.length] + terms;
    if (end > this.termIds.length) {
      const grown = new Int32Array(Math.max(end, this.termIds.length * 2));
      grown.set(this.termIds);
      this.termIds = grown;
    }
  }

  /** Appends a pair; its matched terms are added after with addTerm. */
  push(postId: number, interestId: number, score: number, semantic: number, lexical: number, cosine: number, above: boolean, threshold: number, feedback: number): void {
    const i = this.length;
    if (i === this.postId.length) this.#grow(i * 2);
    this.postId[i] = postId;
    this.interestId[i] = interestId;
    this.score[i] = score;
    this.semantic[i] = semantic;
    this.lexical[i] = lexical;
    this.cosine[i] = cosine;
    this.aboveThreshold[i] = above ? 1 : 0;
    this.threshold[i] = threshold;
    this.feedback[i] = feedback;
    this.termStart[i + 1] = this.termStart[i];
    this.length = i + 1;
  }

  /** One more matched term of the last pair pushed. */
  addTerm(id: number): void {
    const end = this.termStart[this.length];
    if (end === this.termIds.length) {
      const grown = new Int32Array(end * 2);
      grown.set(this.termIds);
      this.termIds = grown;
    }
    this.termIds[end] = id;
    this.termStart[this.length] = end + 1;
  }

  terms(i: number): string[] {
    const from = this.termStart[i], to = this.termStart[i + 1];
    if (from === to) return NO_TERMS as string[];
    const out = new Array<string>(to - from);
    for (let k = from; k < to; k++) out[k - from] = this.#termOf(this.termIds[k]);
    return out;
  }

  match(i: number): Match {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`MatchColumns.match: no pair ${i} (${this.length} pairs)`);
    return {
      postId: this.postId[i],
      interestId: this.interestId[i],
      score: this.score[i],
      semantic: this.semantic[i],
      lexical: this.lexical[i],
      cosine: this.cosine[i],
      terms: this.terms(i),
      aboveThreshold: this.aboveThreshold[i] === 1,
      threshold: this.threshold[i],
      feedback: this.feedback[i],
      chance: this.chance,
    };
  }

  toMatches(): Match[] {
    const out = new Array<Match>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.match(i);
    return out;
  }

  #grow(capacity: number): void {
    const grow = <T extends Float64Array | Float32Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T, n = capacity): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.postId = grow(this.postId, (n) => new Float64Array(n));
    this.interestId = grow(this.interestId, (n) => new Float64Array(n));
    this.score = grow(this.score, (n) => new Float64Array(n));
    this.semantic = grow(this.semantic, (n) => new Float64Array(n));
    this.lexical = grow(this.lexical, (n) => new Float64Array(n));
    this.cosine = grow(this.cosine, (n) => new Float32Array(n));
    this.aboveThreshold = grow(this.aboveThreshold, (n) => new Uint8Array(n));
    this.threshold = grow(this.threshold, (n) => new Float32Array(n));
    this.feedback = grow(this.feedback, (n) => new Float32Array(n));
    this.termStart = grow(this.termStart, (n) => new Int32Array(n), capacity + 1);
  }
}
