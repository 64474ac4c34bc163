// The OOV learner (oov.ts) as a running service uses it: it reads every stored post once, but the
// built-in embedder sees a FROZEN copy of its vectors, renewed by refresh() every so often. A
// refresh takes a word's new vector only when the vector the embedder would use (induced, or a
// table word's blend with its stream sense) moved (cosine below CHANGED_BELOW) or appeared, and
// says which words did: the texts with those words are the ones to embed again. Every other word
// keeps its frozen vector bit for bit, so texts without a changed word embed exactly as before —
// also after a restart (the frozen vectors are saved with the learner), which lets interests keep
// their saved calibrations.
//
// Which posts hold a changed word: those read since the last refresh (their words are kept), and,
// for words the table lacks, every post read (their ids are kept per word, at most
// MAX_POSTS_PER_WORD each, saved too, forgotten with the word when the learner forgets it).

import { BuiltinEmbedder, type InducedVectors } from './builtin.ts';
import { findRow } from './glove/lookup.ts';
import type { WordTable } from './glove/table.ts';
import { loadOovLearner, OovLearner, saveOovLearner, type InducedVector, type OovLearnerOptions } from './oov.ts';
import { cosine } from './sif.ts';
import { words as tokenWords } from '../text/tokenize.ts';

/** A post as the vocabulary reads it. */
export interface VocabularyPost {
  id: number;
  title: string;
  text: string;
}

/** What a refresh changed. */
export interface VocabularyChange {
  /** Words whose vector (as the embedder uses it) appeared, disappeared or moved. */
  words: Set<string>;
  /** Posts read so far that contain one of them. */
  postIds: number[];
}

/** Below this cosine between a word's old and new vector, texts with the word are embedded again. */
const CHANGED_BELOW = 0.98;
/** Ids kept per new word: a word in thousands of posts has a settled vector long before. */
const MAX_POSTS_PER_WORD = 2000;
/** A word's vector is computed again at a refresh only when its contexts grew by this factor since
 *  it last was (or the linear map was refitted): fewer new contexts barely move an average. */
const RECOMPUTE_GROWTH = 1.1;

const MAGIC = 0x42565353; // "SSVB"
const VERSION = 2;
const HEADER = 32;

export class StreamVocabulary implements InducedVectors {
  readonly learner: OovLearner;
  /** The highest post id read: posts are read once, in id order. */
  readUpTo: number;
  #frozen = new Map<string, InducedVector>();
  readonly #postsByNewWord = new Map<string, number[]>();
  #sinceRefresh: { id: number; words: Set<string> }[] = [];
  // Each word's context count when its vector was last computed, and the fit then in use.
  readonly #countAtRefresh = new Map<string, number>();
  #fitAtRefresh = -1;

  constructor(learner: OovLearner, readUpTo = 0) {
    this.learner = learner;
    this.readUpTo = readUpTo;
  }

  static create(table: WordTable, options?: OovLearnerOptions): StreamVocabulary {
    return new StreamVocabulary(new OovLearner(table, options));
  }

  induced(word: string): InducedVector | undefined {
    return this.#frozen.get(word);
  }

  /** Words with a vector the embedder uses now (known words only when their stream sense is kept). */
  get size(): number {
    return this.#frozen.size;
  }

  /** Posts read since the last refresh. */
  get pending(): number {
    return this.#sinceRefresh.length;
  }

  /** Learns from posts not read yet (ids above readUpTo), in id order. */
  read(posts: readonly VocabularyPost[]): number {
    let read = 0;
    for (const post of [...posts].sort((a, b) => a.id - b.id)) {
      if (post.id <= this.readUpTo) continue;
      const words = tokenWords(`${post.title}\n${post.text}`);
      this.learner.observe(words);
      const distinct = new Set(words);
      for (const word of distinct) {
        if (!this.learner.isCandidate(word)) continue;
        let ids = this.#postsByNewWord.get(word);
        if (!ids) this.#postsByNewWord.set(word, (ids = []));
        if (ids.length < MAX_POSTS_PER_WORD) ids.push(post.id);
      }
      this.#sinceRefresh.push({ id: post.id, words: distinct });
      this.readUpTo = post.id;
      read++;
    }
    return read;
  }

  /** Freezes the learner's current vectors for the embedder; returns what changed since the last freeze. */
  refresh(): VocabularyChange {
    const table = this.learner.table;
    const tracked = this.learner.contextSums().tracked;
    // After a refit every vector moved; else only words with enough new contexts are computed
    // again (the rest keep their frozen vectors: in a settled stream, most words).
    const refit = this.learner.fittedOn !== this.#fitAtRefresh;
    this.#fitAtRefresh = this.learner.fittedOn;
    const learned = new Map<string, InducedVector>();
    const considered = new Set<string>();
    for (const [word, sum] of tracked) {
      const last = this.#countAtRefresh.get(word);
      if (!refit && last !== undefined && sum.count < last * RECOMPUTE_GROWTH) continue;
      const induced = this.learner.induced(word);
      if (!induced) continue;
      considered.add(word);
      this.#countAtRefresh.set(word, induced.count);
      learned.set(word, { vector: induced.vector, count: induced.count });
    }
    // Frozen words the learner forgot (rarely seen, crowded out) lose their vectors.
    for (const word of this.#frozen.keys()) if (!tracked.has(word)) considered.add(word);
    // What the learner no longer tracks is forgotten here too (its bound is this index's).
    for (const word of this.#countAtRefresh.keys()) if (!tracked.has(word)) this.#countAtRefresh.delete(word);
    for (const word of this.#postsByNewWord.keys()) if (!tracked.has(word)) this.#postsByNewWord.delete(word);
    const before = new BuiltinEmbedder({ table, oov: frozen(this.#frozen) });
    const after = new BuiltinEmbedder({ table, oov: frozen(learned) });
    const next = new Map(this.#frozen);
    const changed = new Set<string>();
    for (const word of considered) {
      const row = findRow(table, word);
      const a = before.wordVector(word);
      // A table word whose stream sense is not kept (the same sense as GloVe's) needs no entry.
      let b = after.wordVector(word);
      if (b && row !== undefined && sameVector(b, table.vector(row))) b = undefined;
      const moved = a && b ? cosine(a, b) < CHANGED_BELOW : row === undefined ? !a !== !b : !!(a ?? b) && cosine(a ?? b!, table.vector(row)) < CHANGED_BELOW;
      if (!moved) continue;
      changed.add(word);
      if (b) next.set(word, learned.get(word)!);
      else next.delete(word);
    }
    this.#frozen = next;
    const postIds = new Set<number>();
    for (const post of this.#sinceRefresh) for (const word of post.words) if (changed.has(word)) postIds.add(post.id);
    for (const word of changed) for (const id of this.#postsByNewWord.get(word) ?? []) postIds.add(id);
    this.#sinceRefresh = [];
    return { words: changed, postIds: [...postIds].sort((a, b) => a - b) };
  }

  /** What a restart needs: the frozen vectors, the posts each new word was read in, the learner's
   *  context sums, how far it has read. Little-endian: magic | version | readUpTo (f64) | frozen
   *  section's bytes (u32) | #frozen (u32) | index section's bytes (u32) | #index (u32) |
   *  frozen: (word, u32 count, f32 vector[dims])… | index: (word, u32 n, f64 post id[n])… |
   *  saveOovLearner's bytes; a word is u16 byte length + UTF-8. */
  save(): Uint8Array {
    const dims = this.learner.table.dims;
    const encoder = new TextEncoder();
    const frozenRecords = [...this.#frozen].map(([word, v]) => ({ name: encoder.encode(word), v }));
    const indexRecords = [...this.#postsByNewWord].map(([word, ids]) => ({ name: encoder.encode(word), ids }));
    const frozenBytes = frozenRecords.reduce((n, r) => n + 2 + r.name.length + 4 + dims * 4, 0);
    const indexBytes = indexRecords.reduce((n, r) => n + 2 + r.name.length + 4 + r.ids.length * 8, 0);
    const learner = saveOovLearner(this.learner);
    const bytes = new Uint8Array(HEADER + frozenBytes + indexBytes + learner.length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, VERSION, true);
    view.setFloat64(8, this.readUpTo, true);
    view.setUint32(16, frozenBytes, true);
    view.setUint32(20, frozenRecords.length, true);
    view.setUint32(24, indexBytes, true);
    view.setUint32(28, indexRecords.length, true);
    let at = HEADER;
    const word = (name: Uint8Array, n: number): void => {
      view.setUint16(at, name.length, true);
      bytes.set(name, at + 2);
      view.setUint32(at + 2 + name.length, n, true);
      at += 2 + name.length + 4;
    };
    for (const { name, v } of frozenRecords) {
      word(name, v.count);
      for (let d = 0; d < dims; d++, at += 4) view.setFloat32(at, v.vector[d], true);
    }
    for (const { name, ids } of indexRecords) {
      word(name, ids.length);
      for (const id of ids) {
        view.setFloat64(at, id, true);
        at += 8;
      }
    }
    bytes.set(learner, at);
    return bytes;
  }

  /** Restored from save()'s bytes: the same frozen vectors, index and learner. */
  static load(table: WordTable, bytes: Uint8Array, options?: OovLearnerOptions): StreamVocabulary {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const fail = (why: string): never => {
      throw new RangeError(`stream vocabulary: ${why}`);
    };
    if (bytes.length < HEADER || view.getUint32(0, true) !== MAGIC) fail('bad magic');
    if (view.getUint32(4, true) !== VERSION) fail(`unsupported version ${view.getUint32(4, true)}`);
    const dims = table.dims;
    const decoder = new TextDecoder();
    let at = HEADER;
    // Reads `count` records of a section that must end at `end`: a word, a u32, then `payload(n)` bytes.
    const section = (end: number, count: number, payload: (n: number) => number, read: (word: string, n: number) => void): void => {
      if (end > bytes.length) fail('truncated');
      for (let i = count; i > 0; i--) {
        if (at + 2 > end) fail('truncated');
        const length = view.getUint16(at, true);
        if (at + 2 + length + 4 > end) fail('truncated');
        const word = decoder.decode(bytes.subarray(at + 2, at + 2 + length));
        const n = view.getUint32(at + 2 + length, true);
        at += 2 + length + 4;
        if (at + payload(n) > end) fail('truncated');
        read(word, n);
      }
      if (at !== end) fail('a section is not filled by its records');
    };
    const frozenMap = new Map<string, InducedVector>();
    section(HEADER + view.getUint32(16, true), view.getUint32(20, true), () => dims * 4, (word, count) => {
      const vector = new Float32Array(dims);
      for (let d = 0; d < dims; d++, at += 4) vector[d] = view.getFloat32(at, true);
      frozenMap.set(word, { vector, count });
    });
    const index = new Map<string, number[]>();
    section(at + view.getUint32(24, true), view.getUint32(28, true), (n) => n * 8, (word, n) => {
      const ids: number[] = [];
      for (let i = 0; i < n; i++, at += 8) ids.push(view.getFloat64(at, true));
      index.set(word, ids);
    });
    const vocabulary = new StreamVocabulary(loadOovLearner(table, bytes.subarray(at), options), view.getFloat64(8, true));
    vocabulary.#frozen = frozenMap;
    for (const [word, ids] of index) vocabulary.#postsByNewWord.set(word, ids);
    return vocabulary;
  }
}

function sameVector(a: Float32Array, b: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function frozen(map: ReadonlyMap<string, InducedVector>): InducedVectors {
  return { induced: (word) => map.get(word) };
}
