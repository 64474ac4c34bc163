// Running mean and covariance of the stream's post vectors (vector Welford). They give every
// interest's cosine distribution over the stream in closed form — mean w·μ, variance wᵀΣw for
// a unit interest vector w — the same way the embedder's shipped background does
// (embed/glove/background.ts). That is what lets the standing-query matcher calibrate the
// semantic signal without computing the cosine of every (post, interest) pair: the kernel's
// fused threshold never even produces the pairs below it.

import { FORM_BLOCK, QuadraticForm } from '../kernel/quadratic-form.ts';

export { FORM_BLOCK };
import type { StreamMoments } from '../score/discriminant.ts';
import type { RunningMoments } from './running-moments.ts';

export class VectorMoments {
  readonly dims: number;
  #n = 0;
  readonly #mean: Float64Array;
  /** Σ (x − mean)(x − mean)ᵀ, row-major (covariance = scatter / n). */
  readonly #scatter: Float64Array;
  /** add()'s scratch: x − the mean before and after it moved. */
  readonly #before: Float64Array;
  readonly #after: Float64Array;
  /** WebAssembly wᵀSw (float32 lanes over the folded upper triangle, relative error ~1e-6; ~20×
   *  the JS loop; undefined where it cannot run), and the `#changes` it last loaded: one load
   *  per batch, then one call per interest or block of FORM_BLOCK. */
  readonly #form: QuadraticForm | undefined;
  readonly #single = new Float64Array(2);
  #loaded = -1;
  #changes = 0;

  constructor(dims: number) {
    this.dims = dims;
    this.#mean = new Float64Array(dims);
    this.#scatter = new Float64Array(dims * dims);
    this.#before = new Float64Array(dims);
    this.#after = new Float64Array(dims);
    this.#form = QuadraticForm.create(dims);
  }

  get n(): number {
    return this.#n;
  }

  /** Adds a post's vector (unit, or zero for a post with nothing to embed). O(dims²), on
   *  locals: with the private fields read in the inner loop it took ~0.6 ms a post at 100 dims
   *  (150 ms of every batch of 256). The same operations in the same order as before. */
  add(vector: ArrayLike<number>): void {
    const d = this.dims;
    if (vector.length !== d) throw new RangeError(`VectorMoments.add: vector of ${vector.length} dims, expected ${d}`);
    const n = ++this.#n;
    this.#changes++;
    const mean = this.#mean, scatter = this.#scatter, before = this.#before, after = this.#after;
    for (let i = 0; i < d; i++) {
      const x = vector[i];
      before[i] = x - mean[i];
      mean[i] += before[i] / n;
    }
    for (let j = 0; j < d; j++) after[j] = vector[j] - mean[j];
    // Welford: scatter += (x − old mean)(x − new mean)ᵀ.
    for (let i = 0; i < d; i++) {
      const a = before[i];
      if (a === 0) continue;
      const row = i * d;
      for (let j = 0; j < d; j++) scatter[row + j] += a * after[j];
    }
  }

  /** This stream becomes `other` (same dims): its count, mean and scatter, to the bit. */
  copyFrom(other: VectorMoments): void {
    if (other.dims !== this.dims) throw new RangeError(`VectorMoments.copyFrom: ${other.dims} dims into ${this.dims}`);
    this.#n = other.#n;
    this.#mean.set(other.#mean);
    this.#scatter.set(other.#scatter);
    this.#changes++;
  }

  /** Moments of cos(w, post) over every post added so far, for a unit vector w. O(dims²). */
  cosineMoments(w: ArrayLike<number>): RunningMoments {
    const form = this.#loadedForm();
    if (form) {
      const out = this.#single;
      form.moment(w instanceof Float32Array ? w : Float32Array.from(w), out);
      return { n: this.#n, mean: out[1], m2: Math.max(0, out[0]) };
    }
    const d = this.dims, scatter = this.#scatter, meanVector = this.#mean;
    let mean = 0;
    let m2 = 0;
    // wᵀSw over the upper triangle (S is symmetric): half the work of the full product.
    for (let i = 0; i < d; i++) {
      const wi = w[i];
      mean += wi * meanVector[i];
      const row = i * d;
      let off = 0;
      for (let j = i + 1; j < d; j++) off += scatter[row + j] * w[j];
      m2 += wi * (scatter[row + i] * wi + 2 * off);
    }
    return { n: this.#n, mean, m2: Math.max(0, m2) };
  }

  /** cosineMoments of `count` (1..FORM_BLOCK) vectors, each the same numbers as alone, in one
   *  pass of the form over the scatter (~2.5× as many per second as one at a time): writes m2 of
   *  ws[k] at out[k] and its mean at out[FORM_BLOCK + k] (n is this.n for all). */
  cosineMomentsBlock(ws: readonly Float32Array[], count: number, out: Float64Array): void {
    const form = this.#loadedForm();
    if (!form) {
      for (let k = 0; k < count; k++) {
        const m = this.cosineMoments(ws[k]);
        out[k] = m.m2;
        out[FORM_BLOCK + k] = m.mean;
      }
      return;
    }
    form.moments(ws, count, out);
    for (let k = 0; k < count; k++) out[k] = Math.max(0, out[k]);
  }

  /** The form with this stream's scatter and mean (loaded once per change, then one call per
   *  interest); undefined where WebAssembly SIMD cannot run. */
  #loadedForm(): QuadraticForm | undefined {
    const form = this.#form;
    if (form && this.#loaded !== this.#changes) {
      form.load(this.#scatter, this.#mean);
      this.#loaded = this.#changes;
    }
    return form;
  }

  /** Mean and covariance (scatter / n, population) for feedback's discriminant direction
   *  (score/discriminant.ts). Copies: O(dims²), once per feedback. */
  moments(): StreamMoments {
    const n = Math.max(this.#n, 1);
    return { mean: Float64Array.from(this.#mean), covariance: Float64Array.from(this.#scatter, (s) => s / n) };
  }

  /** Exact (float64, base64): the scatter matrix is dims² numbers, 4.7 MB at 768 dims. */
  toJSON(): VectorMomentsJson {
    return { dims: this.dims, n: this.#n, mean: base64(this.#mean), scatter: base64(this.#scatter) };
  }

  static fromJSON(json: VectorMomentsJson): VectorMoments {
    const out = new VectorMoments(json.dims);
    const mean = float64s(json.mean), scatter = float64s(json.scatter);
    if (mean.length !== json.dims || scatter.length !== json.dims * json.dims || !(json.n >= 0)) {
      throw new RangeError(`VectorMoments.fromJSON: ${mean.length} means and ${scatter.length} scatter entries for ${json.dims} dims`);
    }
    out.#n = json.n;
    out.#mean.set(mean);
    out.#scatter.set(scatter);
    out.#changes++;
    return out;
  }
}

export interface VectorMomentsJson {
  dims: number;
  n: number;
  /** Float64Array bytes, base64. */
  mean: string;
  scatter: string;
}

function base64(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function float64s(text: string): Float64Array {
  const bytes = Buffer.from(String(text), 'base64');
  // Copied: a Buffer's bytes may not sit at a multiple of 8 in its pool.
  return new Float64Array(new Uint8Array(bytes).buffer, 0, Math.floor(bytes.length / 8));
}
