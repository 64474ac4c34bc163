// wᵀSw and w·μ for many vectors w against one symmetric float64 matrix S and vector μ, in
// WebAssembly (quadratic-form.wat: S's upper triangle folded, in float32 lanes, four vectors
// through it together): the matcher's closed-form cosine moments of every interest over the
// stream (VectorMoments.cosineMoments), which the plain JS loop computed at ~15 µs per 100-d
// interest — seconds per refresh at 300k interests.
import { readFileSync } from 'node:fs';

interface Exports {
  memory: WebAssembly.Memory;
  moments(t: number, mu: number, w: number, d: number, stride: number, groups: number, out: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

function module(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(readFileSync(new URL('./quadratic-form.wasm', import.meta.url)));
    } catch {
      compiled = null; // no WebAssembly SIMD here: callers keep their JS loop
    }
  }
  return compiled;
}

/** Vectors per call of moments(): four groups of the four the form takes through S together. */
export const FORM_BLOCK = 16;
const GROUP = 4;

export class QuadraticForm {
  readonly dims: number;
  readonly #stride: number;
  readonly #exports: Exports;
  // Byte offsets in the module's memory: T (float32), μ (float64), W (float32), results.
  readonly #mu: number;
  readonly #w: number;
  readonly #out: number;
  readonly #floats: Float32Array;
  readonly #doubles: Float64Array;

  /** undefined where the runtime cannot compile the module (no WebAssembly SIMD). */
  static create(dims: number): QuadraticForm | undefined {
    const m = module();
    return m ? new QuadraticForm(dims, m) : undefined;
  }

  private constructor(dims: number, m: WebAssembly.Module) {
    this.dims = dims;
    const stride = (this.#stride = Math.ceil(dims / 8) * 8); // the form reads eight float32 columns per tile
    this.#exports = new WebAssembly.Instance(m, {}).exports as unknown as Exports;
    this.#mu = dims * stride * 4;
    this.#w = this.#mu + stride * 8;
    this.#out = this.#w + stride * 4 * FORM_BLOCK;
    const bytes = this.#out + 2 * FORM_BLOCK * 8;
    const memory = this.#exports.memory;
    if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
    this.#floats = new Float32Array(memory.buffer);
    this.#doubles = new Float64Array(memory.buffer);
    this.#floats.fill(0, this.#w / 4, this.#out / 4); // W's padding lanes stay zero
  }

  /** S (dims × dims, row-major, symmetric) and μ (dims) for the evaluations that follow. */
  load(matrix: Float64Array, vector: Float64Array): void {
    const d = this.dims, stride = this.#stride, f = this.#floats;
    if (matrix.length !== d * d || vector.length !== d) throw new RangeError(`QuadraticForm.load: ${matrix.length} matrix and ${vector.length} vector entries for ${d} dims`);
    // T: S_ii on the diagonal, 2·S_ij right of it (S_ij + S_ji), zeros left of it.
    for (let i = 0; i < d; i++) {
      const row = i * stride, s = i * d;
      for (let j = 0; j < i; j++) f[row + j] = 0;
      f[row + i] = matrix[s + i];
      for (let j = i + 1; j < d; j++) f[row + j] = 2 * matrix[s + j];
      for (let j = d; j < stride; j++) f[row + j] = 0;
    }
    const mu = this.#mu / 8;
    this.#doubles.fill(0, mu, mu + stride);
    this.#doubles.set(vector, mu);
  }

  /** wᵀSw and w·μ of one vector, into out[0] and out[1] (the same numbers as moments() gives it). */
  moment(w: Float32Array, out: Float64Array): void {
    this.#setW(w, 0);
    this.#exports.moments(0, this.#mu, this.#w, this.dims, this.#stride, 1, this.#out);
    const at = this.#out / 8;
    out[0] = this.#doubles[at];
    out[1] = this.#doubles[at + 1];
  }

  /** moment() of `count` (1..FORM_BLOCK) vectors in one call, each to the bit what moment()
   *  gives it: out[k] = w_kᵀSw_k, out[FORM_BLOCK + k] = w_k·μ. */
  moments(ws: readonly Float32Array[], count: number, out: Float64Array): void {
    if (count < 1 || count > FORM_BLOCK) throw new RangeError(`QuadraticForm.moments: ${count} vectors, 1 to ${FORM_BLOCK} per call`);
    for (let k = 0; k < count; k++) this.#setW(ws[k], k);
    this.#exports.moments(0, this.#mu, this.#w, this.dims, this.#stride, Math.ceil(count / GROUP), this.#out);
    const at = this.#out / 8, doubles = this.#doubles;
    for (let k = 0; k < count; k++) {
      out[k] = doubles[at + 2 * k];
      out[FORM_BLOCK + k] = doubles[at + 2 * k + 1];
    }
  }

  /** Vector k at W (its own `stride` floats, zeros past dims). The other vectors of a partly
   *  filled group keep what they held: each vector's numbers are its own. */
  #setW(w: Float32Array, k: number): void {
    const f = this.#floats, d = this.dims, stride = this.#stride;
    if (w.length !== d) throw new RangeError(`QuadraticForm: vector of ${w.length} dims, expected ${d}`);
    f.set(w, this.#w / 4 + k * stride);
  }
}
