// Pseudo-documents for the background reference (cold-start calibration, common component).
//
// Sluice may not ship real text, and a brand-new instance has none, so the background comes
// from SIF's own generative model (Arora et al. 2016/2017): a document has a topic ("discourse
// vector") c, and each of its words is either a plain frequent word drawn from p(w) (the
// syntax and function words every text shares) or a word near the topic. The model's
// q(w | c) ∝ exp(v_w · c) is approximated by its mass: the topic's nearest neighbours, drawn
// ∝ √p(w) (with Zipf p(w), plain exp(β·cos)·p(w) still drew mostly frequent off-topic words).
// Topics are the vectors of random mid-frequency words, so the documents cover the range of
// subjects a general feed does. p(w) is the same Zipf estimate SIF weighting uses.
// Deterministic for a given seed.

import { zipfProbability } from '../sif.ts';
import type { WordTable } from './table.ts';
import { seededRandom } from '../../seeded-random.ts';

export interface PseudoDocumentOptions {
  /** PRNG seed; same seed, same documents. */
  seed: number;
  /** Words eligible in documents: the most frequent ones (rare words add noise, not topics). */
  vocabulary?: number;
  /** Topic words are drawn uniformly from ranks [topicFrom, topicTo). */
  topicFrom?: number;
  topicTo?: number;
  /** Share of words drawn from p(w) alone rather than from the topic. */
  backgroundShare?: number;
  /** How many nearest neighbours of the topic its words come from. */
  neighbours?: number;
  /** Document lengths are log-uniform in [minWords, maxWords]: from titles to long posts. */
  minWords?: number;
  maxWords?: number;
}


// Index of the first cumulative weight above r·total.
function sample(cumulative: Float64Array, random: () => number): number {
  const target = random() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Generates `count` pseudo-documents, each a list of table words. */
export function* pseudoDocuments(table: WordTable, count: number, options: PseudoDocumentOptions): Generator<string[]> {
  const vocabulary = Math.min(options.vocabulary ?? 30_000, table.size);
  const topicFrom = options.topicFrom ?? 300;
  const topicTo = Math.min(options.topicTo ?? 20_000, vocabulary);
  const backgroundShare = options.backgroundShare ?? 0.5;
  const neighbours = Math.min(options.neighbours ?? 200, vocabulary);
  const minWords = options.minWords ?? 20;
  const maxWords = options.maxWords ?? 400;
  const random = seededRandom(options.seed);
  const dims = table.dims;

  // Unit vectors of the eligible words, and p(w).
  const unit = new Float32Array(vocabulary * dims);
  const probability = new Float64Array(vocabulary);
  const unigram = new Float64Array(vocabulary);
  let total = 0;
  for (let row = 0; row < vocabulary; row++) {
    const v = table.vector(row);
    const norm = Math.hypot(...v) || 1;
    for (let d = 0; d < dims; d++) unit[row * dims + d] = v[d] / norm;
    probability[row] = zipfProbability(row);
    total += probability[row];
    unigram[row] = total;
  }

  const cosines = new Float32Array(vocabulary);
  const topical = new Float64Array(neighbours);
  for (let doc = 0; doc < count; doc++) {
    const topic = topicFrom + Math.floor(random() * (topicTo - topicFrom));
    const c = unit.subarray(topic * dims, topic * dims + dims);
    for (let row = 0; row < vocabulary; row++) {
      let cos = 0;
      const base = row * dims;
      for (let d = 0; d < dims; d++) cos += unit[base + d] * c[d];
      cosines[row] = cos;
    }
    // Rows sorted by cosine, ties by row: a deterministic neighbourhood.
    const nearest = Array.from({ length: vocabulary }, (_, row) => row)
      .sort((x, y) => cosines[y] - cosines[x] || x - y)
      .slice(0, neighbours);
    let sum = 0;
    for (let k = 0; k < neighbours; k++) {
      sum += Math.sqrt(probability[nearest[k]]);
      topical[k] = sum;
    }
    const length = Math.round(minWords * Math.pow(maxWords / minWords, random()));
    const words: string[] = [];
    for (let i = 0; i < length; i++) {
      const row = random() < backgroundShare ? sample(unigram, random) : nearest[sample(topical, random)];
      words.push(table.words[row]);
    }
    yield words;
  }
}
