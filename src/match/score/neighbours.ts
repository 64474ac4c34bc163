// The stream's own neighbourhoods: for each post, the posts whose TF-IDF vectors are closest
// (cosine of unit vectors over single stems; phrases repeat their words). Posts of a topic
// cluster: a post's neighbours say which topic it sits in even when its own evidence is
// borderline (the cluster assumption behind label propagation, Zhu & Ghahramani 2002).
// Lexical rather than semantic neighbours: TF-IDF separates topics better than averaged word
// vectors (DESIGN.md: 0.98 vs 0.935 on BBC News for centroids).

import type { SparseVector } from './tfidf.ts';

/** Least cosine for a neighbour: posts that share only incidental words ("year", "people")
 *  stay under ~0.08 (unrelated posts of eval/obvious-cases.json: 0.00–0.07), while a post's
 *  ten nearest posts of its own topic in a news stream sit at 0.1–0.5. A small batch of
 *  unrelated posts thus has no neighbourhoods, and nothing is smoothed. */
export const MIN_NEIGHBOUR_SIMILARITY = 0.1;

/** For each vector, the indices of its `k` most similar others (cosine ≥ minSimilarity), most similar first. */
export function nearestNeighbours(vectors: readonly SparseVector[], k: number, minSimilarity = MIN_NEIGHBOUR_SIMILARITY): number[][] {
  const n = vectors.length;
  // Inverted lists: each stem's posts and weights, so a post meets only the posts it shares a stem with.
  const postings = new Map<string, { post: number; weight: number }[]>();
  vectors.forEach((v, j) => {
    for (const [term, weight] of v) {
      if (term.includes(' ')) continue;
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ post: j, weight });
    }
  });
  const similarity = new Float64Array(n);
  const touched: number[] = [];
  const out: number[][] = [];
  for (let j = 0; j < n; j++) {
    for (const [term, weight] of vectors[j]) {
      if (term.includes(' ')) continue;
      for (const p of postings.get(term)!) {
        if (similarity[p.post] === 0) touched.push(p.post);
        similarity[p.post] += weight * p.weight;
      }
    }
    // The k best of the touched posts, kept sorted by insertion (k is small).
    const best: number[] = [];
    for (const m of touched) {
      const s = similarity[m];
      if (m === j || s < minSimilarity || s <= 0 || (best.length === k && s <= similarity[best[k - 1]])) continue;
      let at = best.length === k ? k - 1 : best.length;
      while (at > 0 && similarity[best[at - 1]] < s) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = m;
    }
    out.push(best.slice());
    for (const m of touched) similarity[m] = 0;
    touched.length = 0;
  }
  return out;
}
