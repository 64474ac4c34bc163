// The built-in word-vector table: GloVe 6B 100-d, top 100k words, int8 with one scale per word.
//
// Files (beside this module, written by tools/build-embeddings.ts):
//   words.txt    one word per line, most frequent first (GloVe's vocabulary order); row i = line i
//   vectors.bin  little-endian: "SLGV" | u32 version | u32 rows | u32 dims | f32 scale[rows] | i8 value[rows*dims]
// A word's vector is value[row*dims + d] * scale[row]. Per-word scales keep each vector's
// direction to within ~0.5% (int8 rounding) and its length, which SIF averaging relies on.

import { readFileSync } from 'node:fs';

const MAGIC = 'SLGV';
const VERSION = 1;
const HEADER_BYTES = 16;

export class WordTableFormatError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'WordTableFormatError';
    this.file = file;
  }
}

export class WordTable {
  readonly dims: number;
  /** Words in frequency order: words[row]. */
  readonly words: readonly string[];
  readonly scales: Float32Array;
  readonly values: Int8Array;
  readonly #rows: Map<string, number>;

  constructor(words: readonly string[], dims: number, scales: Float32Array, values: Int8Array) {
    if (scales.length !== words.length || values.length !== words.length * dims) {
      throw new RangeError(`word table: ${words.length} words, ${scales.length} scales, ${values.length} values for ${dims} dims`);
    }
    this.dims = dims;
    this.words = words;
    this.scales = scales;
    this.values = values;
    this.#rows = new Map();
    for (let row = 0; row < words.length; row++) this.#rows.set(words[row], row);
  }

  get size(): number {
    return this.words.length;
  }

  /** The row of a word, which is also its frequency rank minus one; undefined if absent. */
  rowOf(word: string): number | undefined {
    return this.#rows.get(word);
  }

  /** out += weight · vector(row). The hot loop of text embedding: no allocation. */
  addTo(out: Float32Array, row: number, weight: number): void {
    const dims = this.dims;
    const base = row * dims;
    const w = weight * this.scales[row];
    for (let d = 0; d < dims; d++) out[d] += w * this.values[base + d];
  }

  /** A copy of the word vector of a row. */
  vector(row: number): Float32Array {
    const out = new Float32Array(this.dims);
    this.addTo(out, row, 1);
    return out;
  }
}

/** Quantizes float vectors into the on-disk format. Deterministic: same input, same bytes. */
export function encodeTable(words: readonly string[], vectors: readonly ArrayLike<number>[], dims: number): { wordsText: string; vectorsBin: Uint8Array } {
  const rows = words.length;
  const bytes = new Uint8Array(HEADER_BYTES + rows * 4 + rows * dims);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, rows, true);
  view.setUint32(12, dims, true);
  const valuesOffset = HEADER_BYTES + rows * 4;
  for (let row = 0; row < rows; row++) {
    const v = vectors[row];
    let maxAbs = 0;
    for (let d = 0; d < dims; d++) maxAbs = Math.max(maxAbs, Math.abs(v[d]));
    const scale = maxAbs / 127;
    view.setFloat32(HEADER_BYTES + row * 4, scale, true);
    for (let d = 0; d < dims; d++) view.setInt8(valuesOffset + row * dims + d, scale === 0 ? 0 : Math.round(v[d] / scale));
  }
  for (const word of words) {
    if (word.includes('\n') || word === '') throw new RangeError(`word table: unwritable word ${JSON.stringify(word)}`);
  }
  return { wordsText: words.join('\n') + '\n', vectorsBin: bytes };
}

/** Reads the two files of a table. */
export function decodeTable(wordsText: string, vectorsBin: Uint8Array, source = 'word table'): WordTable {
  if (vectorsBin.length < HEADER_BYTES || String.fromCharCode(...vectorsBin.subarray(0, 4)) !== MAGIC) {
    throw new WordTableFormatError(source, 'not a Sluice word table (bad magic)');
  }
  const view = new DataView(vectorsBin.buffer, vectorsBin.byteOffset, vectorsBin.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new WordTableFormatError(source, `unsupported version ${version}`);
  const rows = view.getUint32(8, true);
  const dims = view.getUint32(12, true);
  const expected = HEADER_BYTES + rows * 4 + rows * dims;
  if (vectorsBin.length !== expected) throw new WordTableFormatError(source, `${vectorsBin.length} bytes, expected ${expected}`);
  const words = wordsText.split('\n');
  if (words[words.length - 1] === '') words.pop();
  if (words.length !== rows) throw new WordTableFormatError(source, `${words.length} words for ${rows} rows`);
  // Scales are copied (the buffer's offset need not be 4-aligned, nor the host little-endian);
  // the int8 values are used in place: no alignment needed, and a 10 MB copy saved.
  const scales = new Float32Array(rows);
  for (let row = 0; row < rows; row++) scales[row] = view.getFloat32(HEADER_BYTES + row * 4, true);
  const values = new Int8Array(vectorsBin.buffer, vectorsBin.byteOffset + HEADER_BYTES + rows * 4, rows * dims);
  return new WordTable(words, dims, scales, values);
}

/** Where the shipped table lives. */
export const GLOVE_DIR = new URL('./', import.meta.url);

/** Loads a table from a directory holding words.txt and vectors.bin. */
export function loadWordTable(dir: URL = GLOVE_DIR): WordTable {
  const wordsUrl = new URL('words.txt', dir);
  const vectorsUrl = new URL('vectors.bin', dir);
  return decodeTable(readFileSync(wordsUrl, 'utf8'), readFileSync(vectorsUrl), vectorsUrl.pathname);
}

let shipped: WordTable | undefined;

/** The shipped GloVe table, loaded once per process (~10 MB; tens of milliseconds). */
export function gloveTable(): WordTable {
  shipped ??= loadWordTable();
  return shipped;
}
