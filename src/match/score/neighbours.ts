// The stream's own neighbourhoods: for each post, the posts whose TF-IDF vectors are closest
// (cosine of unit vectors over single stems; phrases repeat their words). Posts of a topic
// cluster: a post's neighbours say which topic it sits in even when its own evidence is
// borderline (the cluster assumption behind label propagation, Zhu & Ghahramani 2002).
// Lexical neighbours by default: TF-IDF separates topics better than averaged word vectors
// (DESIGN.md: 0.98 vs 0.935 on BBC News for centroids). With self-training the batch ranks them
// by both views (`hybrid`, below): short posts share too few words for TF-IDF alone.

import type { SparseVector } from './tfidf.ts';

/** Least cosine for a neighbour: posts that share only incidental words ("year", "people")
 *  stay under ~0.08 (unrelated posts of eval/obvious-cases.json: 0.00–0.07), while a post's
 *  ten nearest posts of its own topic in a news stream sit at 0.1–0.5. A small batch of
 *  unrelated posts thus has no neighbourhoods, and nothing is smoothed. */
export const MIN_NEIGHBOUR_SIMILARITY = 0.1;

/** With the posts' embeddings too (`hybrid`), a neighbour is ranked by the mean of the two cosines:
 *  on short posts the words two posts share are few and often incidental, and TF-IDF neighbours
 *  alone were of the post's own topic for 66% of AG News's posts (embeddings 79%; BBC News 93.6%
 *  and 94.6%). Embedding cosines between unrelated posts run high (GloVe averages: 0.5 at the
 *  99th percentile of BBC's other-topic pairs), so a neighbour must still share some words
 *  (TF-IDF cosine ≥ MIN_SHARED_WORDS) and reach MIN_HYBRID_SIMILARITY (other-topic pairs of
 *  both corpora: 90th percentile 0.13–0.15; a post's tenth neighbour: median 0.35–0.47). */
export const MIN_HYBRID_SIMILARITY = 0.2;
/** Least TF-IDF cosine of a hybrid neighbour: some shared content, not one faint word. */
export const MIN_SHARED_WORDS = 0.03;

/** For each vector, the indices of its `k` most similar others (cosine ≥ minSimilarity), most similar first. */
export function nearestNeighbours(vectors: readonly SparseVector[], k: number, minSimilarity = MIN_NEIGHBOUR_SIMILARITY): number[][] {
  return neighbourhoods(vectors, k, undefined, minSimilarity).lexical;
}

/** Both neighbourhoods in one pass over the shared stems: `lexical` as nearestNeighbours, and with
 *  `embeddings` (by index as the TF-IDF vectors) `hybrid`: ranked by the mean of the TF-IDF and
 *  embedding cosines, among the posts sharing MIN_SHARED_WORDS, at least MIN_HYBRID_SIMILARITY. */
export function neighbourhoods(vectors: readonly SparseVector[], k: number, embeddings?: readonly ArrayLike<number>[],
  minSimilarity = MIN_NEIGHBOUR_SIMILARITY): { lexical: number[][]; hybrid?: number[][] } {
  const n = vectors.length;
  const units = embeddings ? unitRows(embeddings, n) : undefined;
  // Inverted lists in typed arrays (one run per stem: its posts and weights, in post order), so
  // a post meets only the posts it shares a stem with. Single stems only: phrases repeat their words.
  const stemIds = new Map<string, number>();
  const postStems: Int32Array[] = [];
  const postWeights: Float64Array[] = [];
  for (const v of vectors) {
    const stems: number[] = [];
    const weights: number[] = [];
    for (const [term, weight] of v) {
      if (term.includes(' ')) continue;
      let id = stemIds.get(term);
      if (id === undefined) stemIds.set(term, (id = stemIds.size));
      stems.push(id);
      weights.push(weight);
    }
    postStems.push(Int32Array.from(stems));
    postWeights.push(Float64Array.from(weights));
  }
  const start = new Int32Array(stemIds.size + 1);
  for (const stems of postStems) for (const id of stems) start[id + 1]++;
  for (let id = 0; id < stemIds.size; id++) start[id + 1] += start[id];
  const runPost = new Int32Array(start[stemIds.size]);
  const runWeight = new Float64Array(start[stemIds.size]);
  const fill = start.slice(0, stemIds.size);
  postStems.forEach((stems, j) => {
    stems.forEach((id, t) => {
      runPost[fill[id]] = j;
      runWeight[fill[id]++] = postWeights[j][t];
    });
  });
  const similarity = new Float64Array(n);
  const touched: number[] = [];
  const lexical: number[][] = [];
  const hybrid: number[][] = [];
  for (let j = 0; j < n; j++) {
    const stems = postStems[j];
    const weights = postWeights[j];
    for (let t = 0; t < stems.length; t++) {
      const weight = weights[t];
      for (let p = start[stems[t]], end = start[stems[t] + 1]; p < end; p++) {
        const m = runPost[p];
        if (similarity[m] === 0) touched.push(m);
        similarity[m] += weight * runWeight[p];
      }
    }
    lexical.push(topK(touched, similarity, j, k, minSimilarity));
    if (units) {
      for (const m of touched) similarity[m] = similarity[m] < MIN_SHARED_WORDS ? 0 : (similarity[m] + dotRows(units.rows, units.dims, j, m)) / 2;
      hybrid.push(topK(touched, similarity, j, k, MIN_HYBRID_SIMILARITY));
    }
    for (const m of touched) similarity[m] = 0;
    touched.length = 0;
  }
  return units ? { lexical, hybrid } : { lexical };
}

/** The k most similar touched posts other than j, at least `least`, most similar first (kept
 *  sorted by insertion: k is small). */
function topK(touched: readonly number[], similarity: Float64Array, j: number, k: number, least: number): number[] {
  const best: number[] = [];
  for (const m of touched) {
    const s = similarity[m];
    if (m === j || s < least || s <= 0 || (best.length === k && s <= similarity[best[k - 1]])) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && similarity[best[at - 1]] < s) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = m;
  }
  return best;
}

/** The embeddings as unit rows of one array (zero rows stay zero). */
function unitRows(embeddings: readonly ArrayLike<number>[], n: number): { rows: Float64Array; dims: number } {
  if (embeddings.length !== n) throw new RangeError(`neighbourhoods: ${embeddings.length} embeddings for ${n} posts`);
  const dims = embeddings[0]?.length ?? 0;
  const rows = new Float64Array(n * dims);
  embeddings.forEach((e, j) => {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += e[d] * e[d];
    norm = Math.sqrt(norm);
    if (norm > 0) for (let d = 0; d < dims; d++) rows[j * dims + d] = e[d] / norm;
  });
  return { rows, dims };
}

function dotRows(rows: Float64Array, dims: number, a: number, b: number): number {
  let s = 0;
  for (let d = 0; d < dims; d++) s += rows[a * dims + d] * rows[b * dims + d];
  return s;
}
