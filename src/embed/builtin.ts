// The built-in embedder: GloVe word vectors combined by SIF with the common component removed
// (see sif.ts), then unit-normalised. No model download, no native code: ~10 MB of int8.
//
// A token becomes word vectors by, in order: its table row (findRow: exact, possessive,
// contraction, accent-folded spelling); a vector the OOV learner induced for it from context;
// for a hyphenated compound, each of its parts the same way. Numbers and unknown words are
// skipped. A text with no known word embeds as the zero vector.
// A table word the learner has also seen in the stream in ANOTHER sense gets a blend of both
// vectors: (1−s)·v_glove + s·v_induced, s = n/(n+τ) after n contexts (τ = adaptation, 20),
// so the feed's own sense of "rust" or "llm" takes over as it recurs. "Another sense" means
// cos(v_induced, v_glove) below 0.3 (s scaled down linearly to 0 at 0.5): on BBC News the
// median known word scores 0.71 and only ~5% score under 0.47 (subs, veritas, ms, p2p…);
// blending every word instead cost 0.6 points of accuracy there (induced vectors are noisy).

import type { Embedder } from './embedder.ts';
import { gloveBackground } from './glove/background.ts';
import { findRow, isNumber } from './glove/lookup.ts';
import { gloveTable, type WordTable } from './glove/table.ts';
import { cosine, normalizeInPlace, removeComponentInPlace, SIF_A, sifWeight, zipfProbability } from './sif.ts';
import { compoundParts, words as tokenWords } from '../text/tokenize.ts';

/** Vectors induced from the stream (oov.ts): for words the table lacks, and for table words
 *  the stream uses often. */
export interface InducedVectors {
  induced(word: string): { vector: Float32Array; count: number } | undefined;
}

export interface BuiltinEmbedderOptions {
  /** Defaults to the shipped GloVe table. */
  table?: WordTable;
  /** The common component to remove; null for plain SIF; defaults to the shipped background's. */
  commonComponent?: Float32Array | null;
  oov?: InducedVectors;
  /** Contexts after which a table word's induced vector weighs as much as GloVe's; Infinity:
   *  never adapt table words. */
  adaptation?: number;
  /** SIF's a. */
  sifA?: number;
}

export const BUILTIN_EMBEDDER_ID = 'glove-100d-sif@1';

// Cosines between a word's induced and GloVe vectors: above SENSE_SAME the stream uses the word
// as GloVe knows it (no adaptation), below SENSE_OTHER in another sense (full adaptation).
const SENSE_SAME = 0.5;
const SENSE_OTHER = 0.3;

// Texts embedded between yields to the event loop (~10–50 ms of work).
const EMBED_CHUNK = 256;

export class BuiltinEmbedder implements Embedder {
  readonly id: string;
  readonly dims: number;
  readonly table: WordTable;
  readonly commonComponent: Float32Array | null;
  readonly #oov: InducedVectors | undefined;
  readonly #adaptation: number;
  // Adapted vectors by word, valid while the word's context count is unchanged.
  readonly #adaptedCache = new Map<string, { count: number; induced: Float32Array; vector: Float32Array | null }>();
  readonly #weights: Float32Array;

  constructor(options: BuiltinEmbedderOptions = {}) {
    this.table = options.table ?? gloveTable();
    this.dims = this.table.dims;
    this.commonComponent = options.commonComponent === undefined ? gloveBackground().commonComponent : options.commonComponent;
    this.#oov = options.oov;
    this.#adaptation = options.adaptation ?? 20;
    const a = options.sifA ?? SIF_A;
    // Variants are different vector spaces, so they get different ids.
    const shipped = options.commonComponent === undefined;
    this.id = shipped ? BUILTIN_EMBEDDER_ID : this.commonComponent ? 'glove-100d-sif-custom@1' : 'glove-100d-sif-raw@1';
    if (a !== SIF_A) this.id = this.id.replace('@', `-a${a}@`);
    this.#weights = new Float32Array(this.table.size);
    for (let row = 0; row < this.table.size; row++) this.#weights[row] = sifWeight(zipfProbability(row), a);
  }

  /** The stream's induced vectors this embedder uses, if any. */
  get oov(): InducedVectors | undefined {
    return this.#oov;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i++) {
      // Embedding is synchronous CPU work: let other tasks (HTTP requests) run between chunks.
      if (i > 0 && i % EMBED_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
      out.push(this.embedText(texts[i]));
    }
    return out;
  }

  embedText(text: string): Float32Array {
    return this.embedWords(tokenWords(text));
  }

  /** The final vector of already tokenized text. */
  embedWords(words: readonly string[]): Float32Array {
    const v = this.sifAverage(words);
    if (this.commonComponent) removeComponentInPlace(v, this.commonComponent);
    return normalizeInPlace(v);
  }

  /** (1/n) Σ weight(w) · v_w over the n words that have vectors: SIF before the common component. */
  sifAverage(words: readonly string[]): Float32Array {
    const sum = new Float32Array(this.dims);
    let count = 0;
    const add = (word: string): boolean => {
      const row = findRow(this.table, word);
      if (row !== undefined) {
        const adapted = this.#adapted(word, row);
        if (adapted) for (let d = 0; d < this.dims; d++) sum[d] += this.#weights[row] * adapted[d];
        else this.table.addTo(sum, row, this.#weights[row]);
        count++;
        return true;
      }
      if (isNumber(word)) return false;
      const induced = this.#oov?.induced(word);
      if (induced) {
        // Induced words are rare by construction: weight ≈ 1, like the table's rarest words.
        const weight = this.#weights[this.table.size - 1];
        for (let d = 0; d < this.dims; d++) sum[d] += weight * induced.vector[d];
        count++;
        return true;
      }
      return false;
    };
    for (const word of words) {
      if (add(word)) continue;
      for (const part of compoundParts(word)) add(part);
    }
    if (count > 0) for (let d = 0; d < this.dims; d++) sum[d] /= count;
    return sum;
  }

  /** The vector of one word as texts use it (table, adapted or induced), or undefined. */
  wordVector(word: string): Float32Array | undefined {
    const row = findRow(this.table, word);
    if (row !== undefined) return this.#adapted(word, row) ?? this.table.vector(row);
    return this.#oov?.induced(word)?.vector;
  }

  // The blend of a table word's GloVe vector with its induced one; undefined when not adapted.
  #adapted(word: string, row: number): Float32Array | undefined {
    if (!this.#oov || this.#adaptation === Infinity) return undefined;
    const induced = this.#oov.induced(word);
    if (!induced) return undefined;
    const cached = this.#adaptedCache.get(word);
    if (cached && cached.count === induced.count && cached.induced === induced.vector) return cached.vector ?? undefined;
    const v = this.table.vector(row);
    const divergence = Math.min(1, Math.max(0, (SENSE_SAME - cosine(v, induced.vector)) / (SENSE_SAME - SENSE_OTHER)));
    const share = (divergence * induced.count) / (induced.count + this.#adaptation);
    for (let d = 0; d < this.dims; d++) v[d] = (1 - share) * v[d] + share * induced.vector[d];
    const adapted = share > 0 ? v : null;
    this.#adaptedCache.set(word, { count: induced.count, induced: induced.vector, vector: adapted });
    return adapted ?? undefined;
  }
}
