// A per-interest linear classifier (L2-regularised logistic regression by SGD) over the post's
// TF-IDF terms and embedding: the sharpest use of what self-training and feedback provide.
// Centroids (Rocchio) average; a classifier weighs each term by how well it separates the
// interest's posts from the rest, so "economy" can count for a business interest and against
// a politics one. Deterministic: fixed epochs, seeded order.

import { seededRandom } from '../../embed/glove/pseudo-documents.ts';
import type { SparseVector } from './tfidf.ts';

export interface Example {
  terms: SparseVector;
  vector: Float32Array;
  label: 0 | 1;
}

export interface LinearModel {
  terms: Map<string, number>;
  vector: Float32Array;
  bias: number;
}

export interface TrainingOptions {
  epochs: number;
  /** Step size of SGD (inputs are unit vectors, so 0.5 is a sane scale). */
  learningRate: number;
  /** L2 strength per example: keeps weights small, so no single rare word decides. */
  l2: number;
  /** Weight of the dense (embedding) features relative to the terms: both are unit vectors. */
  denseScale: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { epochs: 8, learningRate: 0.5, l2: 1e-3, denseScale: 1, seed: 7 };

/** log-odds the model gives an input. */
export function logit(model: LinearModel, terms: SparseVector, vector: Float32Array, denseScale = DEFAULT_TRAINING.denseScale): number {
  let z = model.bias;
  for (const [t, x] of terms) {
    const w = model.terms.get(t);
    if (w !== undefined) z += w * x;
  }
  for (let d = 0; d < vector.length; d++) z += model.vector[d] * vector[d] * denseScale;
  return z;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Trains on examples with classes weighted to balance (a rare interest is not drowned). */
export function trainLogistic(examples: readonly Example[], dims: number, options: TrainingOptions = DEFAULT_TRAINING): LinearModel {
  const model: LinearModel = { terms: new Map(), vector: new Float32Array(dims), bias: 0 };
  const positives = examples.filter((e) => e.label === 1).length;
  const negatives = examples.length - positives;
  if (positives === 0 || negatives === 0) return model;
  const classWeight = [examples.length / (2 * negatives), examples.length / (2 * positives)];
  const order = examples.map((_, i) => i);
  const random = seededRandom(options.seed);
  // Lazy L2: weights decay by a common factor; `scale` holds it (Bottou's trick), so a step
  // costs the example's nonzeros, not the vocabulary.
  let scale = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const k = Math.floor(random() * (i + 1));
      [order[i], order[k]] = [order[k], order[i]];
    }
    const rate = options.learningRate / (1 + epoch);
    for (const i of order) {
      const e = examples[i];
      let z = model.bias;
      for (const [t, x] of e.terms) z += (model.terms.get(t) ?? 0) * scale * x;
      for (let d = 0; d < dims; d++) z += model.vector[d] * scale * e.vector[d] * options.denseScale;
      const g = (e.label - sigmoid(z)) * classWeight[e.label] * rate;
      scale *= 1 - rate * options.l2;
      const step = g / scale;
      for (const [t, x] of e.terms) model.terms.set(t, (model.terms.get(t) ?? 0) + step * x);
      for (let d = 0; d < dims; d++) model.vector[d] += step * e.vector[d] * options.denseScale;
      model.bias += g;
    }
  }
  for (const [t, w] of model.terms) model.terms.set(t, w * scale);
  for (let d = 0; d < dims; d++) model.vector[d] *= scale;
  return model;
}
