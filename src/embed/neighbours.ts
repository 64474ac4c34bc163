// Nearest words to a vector in the word table: the "embedding neighbourhood" an interest's
// suggested keywords come from, and a way to inspect what an induced vector means.
// A full scan of the int8 table (100k × 100) takes a few milliseconds; no index needed.

import type { WordTable } from './glove/table.ts';
import { dot, removeComponentInPlace } from './sif.ts';

export interface Neighbour {
  word: string;
  /** The table row, or -1 for a word from `extra`. */
  row: number;
  similarity: number;
}

export interface NeighbourOptions {
  /** Only the most frequent words are considered (rare ones are mostly typos and names). */
  vocabulary?: number;
  /** Removed from the word vectors too, so they compare with text vectors on equal terms. */
  commonComponent?: Float32Array | null;
  /** Words never returned (the query's own words, stopwords…). */
  exclude?: (word: string) => boolean;
  /** Candidates beyond the table, e.g. the OOV learner's words: [word, vector]. */
  extra?: Iterable<readonly [string, Float32Array]>;
}

const rowNorms = new WeakMap<WordTable, Float32Array>();

function normsOf(table: WordTable): Float32Array {
  let norms = rowNorms.get(table);
  if (!norms) {
    norms = new Float32Array(table.size);
    for (let row = 0; row < table.size; row++) {
      let s = 0;
      for (let d = 0; d < table.dims; d++) s += table.values[row * table.dims + d] ** 2;
      norms[row] = Math.sqrt(s) * table.scales[row];
    }
    rowNorms.set(table, norms);
  }
  return norms;
}

/** The k words most cosine-similar to the query, best first. */
export function nearestWords(table: WordTable, query: Float32Array, k: number, options: NeighbourOptions = {}): Neighbour[] {
  const rows = Math.min(options.vocabulary ?? 50_000, table.size);
  const dims = table.dims;
  const norms = normsOf(table);
  const u = options.commonComponent ?? null;
  const queryNorm = Math.sqrt(dot(query, query));
  if (queryNorm === 0 || k <= 0) return [];
  // With v' = v − (u·v)u: q·v' = q·v − (q·u)(u·v) and |v'|² = |v|² − (u·v)².
  const qu = u ? dot(query, u) : 0;
  const best: Neighbour[] = [];
  const offer = (word: string, row: number, similarity: number): void => {
    if (best.length === k && similarity <= best[k - 1].similarity) return;
    if (options.exclude?.(word)) return;
    let at = best.length;
    while (at > 0 && best[at - 1].similarity < similarity) at--;
    best.splice(at, 0, { word, row, similarity });
    if (best.length > k) best.pop();
  };
  for (let row = 0; row < rows; row++) {
    const base = row * dims;
    let qv = 0;
    let uv = 0;
    for (let d = 0; d < dims; d++) {
      const x = table.values[base + d];
      qv += query[d] * x;
      if (u) uv += u[d] * x;
    }
    qv *= table.scales[row];
    uv *= table.scales[row];
    const norm = Math.sqrt(Math.max(norms[row] ** 2 - uv * uv, 0));
    if (norm === 0) continue;
    offer(table.words[row], row, (qv - qu * uv) / (norm * queryNorm));
  }
  for (const [word, vector] of options.extra ?? []) {
    const v = Float32Array.from(vector);
    if (u) removeComponentInPlace(v, u);
    const norm = Math.sqrt(dot(v, v));
    if (norm > 0) offer(word, -1, dot(query, v) / (norm * queryNorm));
  }
  return best;
}
