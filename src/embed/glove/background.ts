// The background reference shipped with the built-in embedder (background.json, written by
// tools/build-embeddings.ts from pseudo-documents, see pseudo-documents.ts):
//  - the common component SIF removes from every text vector;
//  - the mean and covariance of background text vectors, so that for ANY query vector q the
//    mean and spread of cos(q, text) over background texts are exact closed forms
//    (q·μ and √(qᵀΣq) for unit q): what calibrates an interest before the instance has posts.

import { readFileSync } from 'node:fs';

export interface Background {
  /** The embedder whose vectors these statistics describe. */
  embedderId: string;
  /** How it was made (human-readable), number of pseudo-documents and PRNG seed. */
  method: string;
  documents: number;
  seed: number;
  /** Unit vector removed from every SIF text vector. */
  commonComponent: Float32Array;
  /** Mean of the background texts' final (unit) vectors. */
  mean: Float64Array;
  /** Their covariance, dims × dims, row-major. */
  covariance: Float64Array;
}

export interface CosineStatistics {
  mean: number;
  std: number;
}

/** Mean and standard deviation of cos(query, background text). The query need not be unit. */
export function cosineStatistics(background: Background, query: Float32Array): CosineStatistics {
  const dims = query.length;
  const norm = Math.hypot(...query);
  if (norm === 0) return { mean: 0, std: 0 };
  let mean = 0;
  let variance = 0;
  for (let i = 0; i < dims; i++) {
    mean += query[i] * background.mean[i];
    let row = 0;
    for (let j = 0; j < dims; j++) row += background.covariance[i * dims + j] * query[j];
    variance += query[i] * row;
  }
  return { mean: mean / norm, std: Math.sqrt(Math.max(variance, 0)) / norm };
}

/** Mean and covariance of a set of vectors (two passes, in float64). */
export function meanAndCovariance(vectors: readonly Float32Array[]): { mean: Float64Array; covariance: Float64Array } {
  const dims = vectors[0].length;
  const mean = new Float64Array(dims);
  for (const v of vectors) for (let i = 0; i < dims; i++) mean[i] += v[i] / vectors.length;
  const covariance = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (const v of vectors) {
    for (let i = 0; i < dims; i++) centred[i] = v[i] - mean[i];
    for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) covariance[i * dims + j] += (centred[i] * centred[j]) / vectors.length;
  }
  return { mean, covariance };
}

const round = (x: number): number => Number(x.toPrecision(6));

export function encodeBackground(background: Background): string {
  return (
    JSON.stringify({
      embedderId: background.embedderId,
      method: background.method,
      documents: background.documents,
      seed: background.seed,
      commonComponent: Array.from(background.commonComponent, round),
      mean: Array.from(background.mean, round),
      covariance: Array.from(background.covariance, round),
    }) + '\n'
  );
}

export function decodeBackground(json: string, source = 'background'): Background {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const numbers = (key: string): number[] => {
    const value = raw[key];
    if (!Array.isArray(value) || !value.every((x) => typeof x === 'number')) throw new Error(`${source}: ${key} is not a list of numbers`);
    return value;
  };
  const commonComponent = Float32Array.from(numbers('commonComponent'));
  const dims = commonComponent.length;
  const mean = Float64Array.from(numbers('mean'));
  const covariance = Float64Array.from(numbers('covariance'));
  if (mean.length !== dims || covariance.length !== dims * dims) throw new Error(`${source}: sizes disagree with ${dims} dims`);
  return {
    embedderId: String(raw.embedderId),
    method: String(raw.method),
    documents: Number(raw.documents),
    seed: Number(raw.seed),
    commonComponent,
    mean,
    covariance,
  };
}

let shipped: Background | undefined;

/** The shipped background of the built-in GloVe embedder, loaded once. */
export function gloveBackground(): Background {
  const url = new URL('./background.json', import.meta.url);
  shipped ??= decodeBackground(readFileSync(url, 'utf8'), url.pathname);
  return shipped;
}
