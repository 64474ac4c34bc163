// Smooth inverse frequency (SIF) sentence embeddings, the math only (Arora, Liang & Ma,
// "A simple but tough-to-beat baseline for sentence embeddings", ICLR 2017):
//   v(text) = (1/|text|) Σ_w a/(a + p(w)) · v_w      then remove the common component u:
//   v ← v − (u·v) u                                   then unit-normalise.
// Frequent words get weights near 0 and rare ones near 1, so no stoplist is needed; the
// common component is the direction every text shares (syntax, frequent words), whose removal
// is what makes cosines between texts mean topic similarity.

/** SIF's smoothing constant a. The paper found 1e-3…1e-4 works across tasks. */
export const SIF_A = 1e-3;

/** GloVe 6B's vocabulary size, over which the Zipf law below spreads its probability mass. */
export const GLOVE_VOCABULARY_SIZE = 400_000;

function harmonic(n: number): number {
  // H_n ≈ ln n + γ + 1/(2n): exact to ~1e-10 at these sizes, no loop over 400k terms.
  return Math.log(n) + 0.5772156649015329 + 1 / (2 * n);
}

/**
 * p(w) estimated from a word's 0-based frequency rank by Zipf's law, p(rank r) = 1 / (r · H_N).
 * GloVe ships no counts, only the frequency order of its vocabulary; Zipf with exponent 1
 * fits English well enough for weights that only need the right order of magnitude
 * ("the" ≈ 7%, the 1,000th word ≈ 7e-5).
 */
export function zipfProbability(rank: number, vocabularySize = GLOVE_VOCABULARY_SIZE): number {
  return 1 / ((rank + 1) * harmonic(vocabularySize));
}

/** SIF weight a / (a + p(w)). */
export function sifWeight(probability: number, a = SIF_A): number {
  return a / (a + probability);
}

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Cosine similarity; 0 when either vector is zero (an empty text is similar to nothing). */
export function cosine(a: Float32Array, b: Float32Array): number {
  const norms = Math.sqrt(dot(a, a) * dot(b, b));
  return norms === 0 ? 0 : dot(a, b) / norms;
}

/** Scales v to unit length in place; a zero vector stays zero (never NaN). */
export function normalizeInPlace(v: Float32Array): Float32Array {
  const norm = Math.sqrt(dot(v, v));
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}

/** v ← v − (u·v) u for a unit vector u, in place. */
export function removeComponentInPlace(v: Float32Array, u: Float32Array): Float32Array {
  const projection = dot(u, v);
  for (let i = 0; i < v.length; i++) v[i] -= projection * u[i];
  return v;
}

/**
 * The first principal component of a set of vectors, uncentred (the top right-singular vector,
 * as SIF computes it), by power iteration on Σ v vᵀ. Deterministic: fixed start, and the sign
 * chosen so the component's largest coordinate is positive.
 */
export function firstPrincipalComponent(vectors: readonly Float32Array[], iterations = 100): Float32Array {
  if (vectors.length === 0) throw new RangeError('firstPrincipalComponent: no vectors');
  const dims = vectors[0].length;
  const gram = new Float64Array(dims * dims);
  for (const v of vectors) {
    for (let i = 0; i < dims; i++) {
      const vi = v[i];
      for (let j = 0; j < dims; j++) gram[i * dims + j] += vi * v[j];
    }
  }
  let u = new Float64Array(dims).fill(1 / Math.sqrt(dims));
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(dims);
    for (let i = 0; i < dims; i++) {
      let s = 0;
      for (let j = 0; j < dims; j++) s += gram[i * dims + j] * u[j];
      next[i] = s;
    }
    const norm = Math.hypot(...next);
    if (norm === 0) break;
    for (let i = 0; i < dims; i++) next[i] /= norm;
    u = next;
  }
  let largest = 0;
  for (let i = 1; i < dims; i++) if (Math.abs(u[i]) > Math.abs(u[largest])) largest = i;
  const sign = u[largest] < 0 ? -1 : 1;
  return Float32Array.from(u, (x) => sign * x);
}
