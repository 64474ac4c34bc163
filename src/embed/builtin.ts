// The built-in embedder: GloVe word vectors combined by SIF with the common component removed
// (see sif.ts), then unit-normalised. No model download, no native code: ~10 MB of int8.
//
// A token becomes word vectors by, in order: its table row (findRow: exact, possessive,
// contraction, accent-folded spelling); a vector the OOV learner induced for it from context;
// for a hyphenated compound, each of its parts the same way. Numbers and unknown words are
// skipped. A text with no known word embeds as the zero vector.

import type { Embedder } from './embedder.ts';
import { gloveBackground } from './glove/background.ts';
import { findRow, isNumber } from './glove/lookup.ts';
import { gloveTable, type WordTable } from './glove/table.ts';
import { normalizeInPlace, removeComponentInPlace, SIF_A, sifWeight, zipfProbability } from './sif.ts';
import { compoundParts, words as tokenWords } from '../text/tokenize.ts';

/** Induces vectors for words the table lacks (oov.ts); consulted after the table. */
export interface OovVectors {
  vector(word: string): Float32Array | undefined;
}

export interface BuiltinEmbedderOptions {
  /** Defaults to the shipped GloVe table. */
  table?: WordTable;
  /** The common component to remove; null for plain SIF; defaults to the shipped background's. */
  commonComponent?: Float32Array | null;
  oov?: OovVectors;
  /** SIF's a. */
  sifA?: number;
}

export const BUILTIN_EMBEDDER_ID = 'glove-100d-sif@1';

export class BuiltinEmbedder implements Embedder {
  readonly id: string;
  readonly dims: number;
  readonly table: WordTable;
  readonly commonComponent: Float32Array | null;
  readonly #oov: OovVectors | undefined;
  readonly #weights: Float32Array;

  constructor(options: BuiltinEmbedderOptions = {}) {
    this.table = options.table ?? gloveTable();
    this.dims = this.table.dims;
    this.commonComponent = options.commonComponent === undefined ? gloveBackground().commonComponent : options.commonComponent;
    this.#oov = options.oov;
    const a = options.sifA ?? SIF_A;
    // Variants are different vector spaces, so they get different ids.
    this.id = this.commonComponent ? BUILTIN_EMBEDDER_ID : 'glove-100d-sif-raw@1';
    if (a !== SIF_A) this.id = this.id.replace('@', `-a${a}@`);
    this.#weights = new Float32Array(this.table.size);
    for (let row = 0; row < this.table.size; row++) this.#weights[row] = sifWeight(zipfProbability(row), a);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedText(text));
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
        this.table.addTo(sum, row, this.#weights[row]);
        count++;
        return true;
      }
      if (isNumber(word)) return false;
      const induced = this.#oov?.vector(word);
      if (induced) {
        // Induced words are rare by construction: weight ≈ 1, like the table's rarest words.
        const weight = this.#weights[this.table.size - 1];
        for (let d = 0; d < this.dims; d++) sum[d] += weight * induced[d];
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

  /** The vector of one word as texts use it (table or induced), or undefined. */
  wordVector(word: string): Float32Array | undefined {
    const row = findRow(this.table, word);
    if (row !== undefined) return this.table.vector(row);
    return this.#oov?.vector(word);
  }
}
