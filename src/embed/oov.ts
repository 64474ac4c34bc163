// Vectors for words GloVe's 2014 vocabulary lacks ("llm", "agentic", "pytorch", product names),
// induced from the contexts they occur in — à la carte embedding (Khodak et al., ACL 2018):
//
//   u_w = average over w's occurrences of the context vector (SIF-weighted mean of the known
//         words within ±window), and v_w = A · u_w,
//
// where the linear map A is fitted by (ridge) least squares on KNOWN words seen in the same
// stream, so that A · u_w ≈ their real GloVe vector. A undoes what averaging does to a
// context (the common direction of frequent words, shrinkage); it is refitted as more text
// arrives. Until enough known words have been seen to fit A, v_w is the plain context
// average scaled to a typical word-vector length (still useful: its topic is right).
//
// Known but rarer words (rank ≥ adaptFromRank) are tracked too: GloVe learned them from 2014
// news and Wikipedia, where "rust" is mildew, "llm" a law degree and "docker" a surname. The
// built-in embedder blends their GloVe vector with the stream's induced one as they recur
// (builtin.ts), so a feed's own sense of a word takes over.

import type { InducedVectors } from './builtin.ts';
import { findRow, isNumber } from './glove/lookup.ts';
import type { WordTable } from './glove/table.ts';
import { SIF_A, sifWeight, zipfProbability } from './sif.ts';
import { compoundParts } from '../text/tokenize.ts';

export interface OovLearnerOptions {
  /** Context words on each side of an occurrence. */
  window?: number;
  /** Occurrences before an unknown word gets a vector (fewer contexts are too noisy). */
  minCount?: number;
  /** Known words (each seen ≥ minCount times) needed before A is fitted. */
  minFitWords?: number;
  /** Ridge strength, relative to the mean eigenvalue of the contexts' second moment. */
  ridge?: number;
  /** Words tracked at most (memory: dims floats each). When full, the fifth seen least often
   *  is forgotten, so words that appear later (new product names) still get in. */
  maxWords?: number;
  /** Known words from this frequency rank on are tracked for adaptation; Infinity: none. */
  adaptFromRank?: number;
}

/** A vector induced from the stream and the number of contexts behind it. */
export interface InducedVector {
  vector: Float32Array;
  count: number;
}

export interface ContextSum {
  sum: Float32Array;
  count: number;
}

// Known words whose contexts train A: a fixed, spread-out subset of content words (every 3rd
// row between the function words and the rare tail), so memory stays bounded (≤ 10k sums).
const FIT_FROM = 200;
const FIT_TO = 30_000;
const isFitRow = (row: number): boolean => row >= FIT_FROM && row < FIT_TO && row % 3 === 0;

export class OovLearner implements InducedVectors {
  readonly table: WordTable;
  readonly #window: number;
  readonly #minCount: number;
  readonly #minFitWords: number;
  readonly #ridge: number;
  readonly #maxWords: number;
  readonly #weights: Float32Array;
  readonly #adaptFromRank: number;
  readonly #tracked = new Map<string, ContextSum>(); // unknown words and adapted known words
  readonly #fitting = new Map<number, ContextSum>(); // known words that train A, by row
  readonly #typicalNorm: number;
  #map: Float64Array | undefined; // A, dims × dims row-major
  #fittedOn = 0;
  #fitWords = 0; // known words in #fitting seen ≥ minCount times
  #cache = new Map<string, Float32Array>();

  constructor(table: WordTable, options: OovLearnerOptions = {}) {
    this.table = table;
    this.#window = options.window ?? 5;
    this.#minCount = options.minCount ?? 3;
    this.#minFitWords = options.minFitWords ?? 500;
    this.#ridge = options.ridge ?? 0.02;
    this.#maxWords = options.maxWords ?? 50_000;
    this.#adaptFromRank = options.adaptFromRank ?? 1000;
    this.#weights = new Float32Array(table.size);
    for (let row = 0; row < table.size; row++) this.#weights[row] = sifWeight(zipfProbability(row), SIF_A);
    let norms = 0;
    for (let row = 1000; row < 2000; row++) norms += Math.hypot(...table.vector(row));
    this.#typicalNorm = norms / 1000;
  }

  /** Is this a word the learner would induce a vector for (unknown, not a number, not a
   *  single letter: the table has no single letters, and "a", "i", "s" carry no topic)? */
  isCandidate(word: string): boolean {
    if (word.length < 2 || findRow(this.table, word) !== undefined || isNumber(word) || !/\p{L}/u.test(word)) return false;
    const parts = compoundParts(word);
    // A compound of known words is embedded from its parts; learn only ones with a new part.
    return parts.length === 0 || parts.some((part) => findRow(this.table, part) === undefined && !isNumber(part));
  }

  /** Learns from the tokens of one text (in order). */
  observe(words: readonly string[]): void {
    const dims = this.table.dims;
    const rows = words.map((w) => findRow(this.table, w));
    const context = new Float32Array(dims);
    for (let i = 0; i < words.length; i++) {
      const row = rows[i];
      const fitting = row !== undefined && isFitRow(row) ? this.#slot(this.#fitting, row) : undefined;
      const trackable = row === undefined ? this.isCandidate(words[i]) : row >= this.#adaptFromRank;
      if (trackable && !this.#tracked.has(words[i]) && this.#tracked.size >= this.#maxWords) this.#forgetRarest();
      const tracked = trackable ? this.#slot(this.#tracked, words[i]) : undefined;
      if (!fitting && !tracked) continue;
      context.fill(0);
      let n = 0;
      for (let j = Math.max(0, i - this.#window); j <= Math.min(words.length - 1, i + this.#window); j++) {
        const r = rows[j];
        if (j === i || r === undefined) continue;
        this.table.addTo(context, r, this.#weights[r]);
        n++;
      }
      if (n === 0) continue;
      for (const target of [fitting, tracked]) {
        if (!target) continue;
        for (let d = 0; d < dims; d++) target.sum[d] += context[d] / n;
        target.count++;
      }
      if (fitting?.count === this.#minCount) this.#fitWords++;
      if (tracked) this.#cache.delete(words[i]);
    }
  }

  // Drops the fifth of tracked words with the fewest contexts (oldest first among equals).
  #forgetRarest(): void {
    const byCount = [...this.#tracked].map(([word, c], order) => ({ word, count: c.count, order }));
    byCount.sort((a, b) => a.count - b.count || a.order - b.order);
    for (const { word } of byCount.slice(0, Math.max(1, Math.floor(byCount.length / 5)))) {
      this.#tracked.delete(word);
      this.#cache.delete(word);
    }
  }

  #slot<K>(map: Map<K, ContextSum>, key: K): ContextSum {
    let slot = map.get(key);
    if (!slot) map.set(key, (slot = { sum: new Float32Array(this.table.dims), count: 0 }));
    return slot;
  }

  /** How often a tracked word has been seen with context. */
  count(word: string): number {
    return this.#tracked.get(word)?.count ?? 0;
  }

  /** Unknown words that have a vector now (seen ≥ minCount times), most frequent first. */
  learnedWords(): string[] {
    return [...this.#tracked]
      .filter(([w, c]) => c.count >= this.#minCount && findRow(this.table, w) === undefined)
      .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
      .map(([w]) => w);
  }

  /** The raw context sums (for saveOovLearner). */
  contextSums(): { tracked: ReadonlyMap<string, ContextSum>; fitting: ReadonlyMap<number, ContextSum> } {
    return { tracked: this.#tracked, fitting: this.#fitting };
  }

  /** Replaces the context sums (for loadOovLearner). */
  restoreContextSums(tracked: Map<string, ContextSum>, fitting: Map<number, ContextSum>): void {
    this.#tracked.clear();
    this.#fitting.clear();
    for (const [word, slot] of tracked) this.#tracked.set(word, slot);
    for (const [row, slot] of fitting) this.#fitting.set(row, slot);
    this.#fitWords = [...fitting.values()].filter((c) => c.count >= this.#minCount).length;
    this.#fittedOn = 0;
    this.#map = undefined;
    this.#cache.clear();
  }

  /** How many known words A was last fitted on (0 before the first fit); a new value means a
   *  refit, which moves every induced vector. Fits first when one is due. */
  get fittedOn(): number {
    this.#refit();
    return this.#fittedOn;
  }

  /** True once A has been fitted (else vectors are plain context averages). */
  get usesLinearMap(): boolean {
    this.#refit();
    return this.#map !== undefined;
  }

  /** The induced vector of a tracked word seen ≥ minCount times, with its count. */
  induced(word: string): InducedVector | undefined {
    const vector = this.vector(word);
    return vector && { vector, count: this.count(word) };
  }

  /** The induced vector of a tracked word seen ≥ minCount times; undefined otherwise. */
  vector(word: string): Float32Array | undefined {
    const seen = this.#tracked.get(word);
    if (!seen || seen.count < this.#minCount) return undefined;
    this.#refit();
    const cached = this.#cache.get(word);
    if (cached) return cached;
    const dims = this.table.dims;
    const u = Float64Array.from(seen.sum, (x) => x / seen.count);
    const v = new Float32Array(dims);
    if (this.#map) {
      for (let i = 0; i < dims; i++) {
        let s = 0;
        for (let j = 0; j < dims; j++) s += this.#map[i * dims + j] * u[j];
        v[i] = s;
      }
    } else {
      const norm = Math.hypot(...u);
      if (norm === 0) return undefined;
      for (let d = 0; d < dims; d++) v[d] = (u[d] / norm) * this.#typicalNorm;
    }
    this.#cache.set(word, v);
    return v;
  }

  // Fits A when enough known words have been seen, and again each time their number grows by
  // a quarter (cheap: one dims × dims solve).
  #refit(): void {
    if (this.#fitWords < this.#minFitWords || this.#fitWords < this.#fittedOn * 1.25) return;
    const eligible = [...this.#fitting].filter(([, c]) => c.count >= this.#minCount);
    const dims = this.table.dims;
    const uu = new Float64Array(dims * dims); // Σ u uᵀ
    const uv = new Float64Array(dims * dims); // Σ u vᵀ
    for (const [row, c] of eligible) {
      const u = Float64Array.from(c.sum, (x) => x / c.count);
      const v = this.table.vector(row);
      for (let i = 0; i < dims; i++) {
        for (let j = 0; j < dims; j++) {
          uu[i * dims + j] += u[i] * u[j];
          uv[i * dims + j] += u[i] * v[j];
        }
      }
    }
    let trace = 0;
    for (let i = 0; i < dims; i++) trace += uu[i * dims + i];
    for (let i = 0; i < dims; i++) uu[i * dims + i] += (this.#ridge * trace) / dims;
    // (Σ u uᵀ + λI) Aᵀ = Σ u vᵀ
    const aT = solveSymmetric(uu, uv, dims);
    const map = new Float64Array(dims * dims);
    for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) map[i * dims + j] = aT[j * dims + i];
    this.#map = map;
    this.#fittedOn = eligible.length;
    this.#cache.clear();
  }
}

const SNAPSHOT_MAGIC = 0x564f4c53; // "SLOV"
const SNAPSHOT_VERSION = 1;

/** Saves what a learner has seen (its context sums), so a restart need not re-read the corpus.
 *  Little-endian: magic | version | dims | #tracked | #fitting | tracked: (u16 byte length,
 *  UTF-8 word, u32 count, f32 sum[dims])… | fitting: (u32 row, u32 count, f32 sum[dims])… */
export function saveOovLearner(learner: OovLearner): Uint8Array {
  const { tracked, fitting } = learner.contextSums();
  const dims = learner.table.dims;
  const encoder = new TextEncoder();
  const names = [...tracked.keys()].map((w) => encoder.encode(w));
  const size = 20 + names.reduce((n, b) => n + 2 + b.length + 4 + dims * 4, 0) + fitting.size * (8 + dims * 4);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const u32 = (x: number): void => {
    view.setUint32(at, x, true);
    at += 4;
  };
  const floats = (sum: Float32Array): void => {
    for (const x of sum) {
      view.setFloat32(at, x, true);
      at += 4;
    }
  };
  for (const x of [SNAPSHOT_MAGIC, SNAPSHOT_VERSION, dims, tracked.size, fitting.size]) u32(x);
  [...tracked.values()].forEach((slot, i) => {
    view.setUint16(at, names[i].length, true);
    bytes.set(names[i], at + 2);
    at += 2 + names[i].length;
    u32(slot.count);
    floats(slot.sum);
  });
  for (const [row, slot] of fitting) {
    u32(row);
    u32(slot.count);
    floats(slot.sum);
  }
  return bytes;
}

/** A learner restored from saveOovLearner's bytes (same table), with the given options. */
export function loadOovLearner(table: WordTable, bytes: Uint8Array, options: OovLearnerOptions = {}): OovLearner {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new RangeError(`OOV learner snapshot: ${why}`);
  };
  if (bytes.length < 20 || view.getUint32(0, true) !== SNAPSHOT_MAGIC) fail('bad magic');
  if (view.getUint32(4, true) !== SNAPSHOT_VERSION) fail(`unsupported version ${view.getUint32(4, true)}`);
  const dims = view.getUint32(8, true);
  if (dims !== table.dims) fail(`${dims} dimensions, the table has ${table.dims}`);
  const decoder = new TextDecoder();
  let at = 20;
  const need = (n: number): void => {
    if (at + n > bytes.length) fail('truncated');
  };
  const slot = (): ContextSum => {
    need(4 + dims * 4);
    const count = view.getUint32(at, true);
    const sum = new Float32Array(dims);
    for (let d = 0; d < dims; d++) sum[d] = view.getFloat32(at + 4 + d * 4, true);
    at += 4 + dims * 4;
    return { count, sum };
  };
  const tracked = new Map<string, ContextSum>();
  for (let i = view.getUint32(12, true); i > 0; i--) {
    need(2);
    const length = view.getUint16(at, true);
    need(2 + length);
    const word = decoder.decode(bytes.subarray(at + 2, at + 2 + length));
    at += 2 + length;
    tracked.set(word, slot());
  }
  const fitting = new Map<number, ContextSum>();
  for (let i = view.getUint32(16, true); i > 0; i--) {
    need(4);
    const row = view.getUint32(at, true);
    at += 4;
    if (row >= table.size) fail(`row ${row} beyond the table`);
    fitting.set(row, slot());
  }
  if (at !== bytes.length) fail(`${bytes.length - at} bytes left over`);
  const learner = new OovLearner(table, options);
  learner.restoreContextSums(tracked, fitting);
  return learner;
}


/** Solves M X = B for symmetric positive-definite M (n × n) and B (n × n) by Cholesky. */
export function solveSymmetric(m: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (s <= 0) throw new RangeError('solveSymmetric: matrix is not positive definite');
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j];
    }
  }
  const x = new Float64Array(n * n);
  const y = new Float64Array(n);
  for (let col = 0; col < n; col++) {
    for (let i = 0; i < n; i++) {
      let s = b[i * n + col];
      for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
      y[i] = s / l[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k * n + col];
      x[i * n + col] = s / l[i * n + i];
    }
  }
  return x;
}
