// wᵀSw and w·μ for many vectors w against one symmetric float64 matrix S and vector μ, in
// WebAssembly (quadratic-form.wat, f64x2): the matcher's closed-form cosine moments of every
// interest over the stream (VectorMoments.cosineMoments), which the plain JS loop computed at
// ~15 µs per 100-d interest — seconds per refresh at 300k interests.
import { readFileSync } from 'node:fs';

interface Exports {
  memory: WebAssembly.Memory;
  quadratic(s: number, w: number, d: number, stride: number): number;
  quadraticPair(s: number, w: number, v: number, d: number, stride: number, out: number): void;
  dot(a: number, b: number, stride: number): number;
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

export class QuadraticForm {
  readonly dims: number;
  readonly #stride: number;
  readonly #exports: Exports;
  #floats: Float64Array;

  /** undefined where the runtime cannot compile the module (no WebAssembly SIMD). */
  static create(dims: number): QuadraticForm | undefined {
    const m = module();
    return m ? new QuadraticForm(dims, m) : undefined;
  }

  private constructor(dims: number, m: WebAssembly.Module) {
    this.dims = dims;
    this.#stride = Math.ceil(dims / 8) * 8; // the kernel reads 8 float64 per step
    this.#exports = new WebAssembly.Instance(m, {}).exports as unknown as Exports;
    // S, then μ, w, v (stride float64 each) and quadraticPair's two results.
    const bytes = (this.#stride * this.#stride + 3 * this.#stride + 2) * 8;
    const memory = this.#exports.memory;
    if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
    this.#floats = new Float64Array(memory.buffer);
  }

  /** S (dims × dims, row-major, symmetric) and μ (dims) for the evaluations that follow. */
  load(matrix: Float64Array, vector: Float64Array): void {
    const d = this.dims, stride = this.#stride, f = this.#floats;
    if (matrix.length !== d * d || vector.length !== d) throw new RangeError(`QuadraticForm.load: ${matrix.length} matrix and ${vector.length} vector entries for ${d} dims`);
    f.fill(0, 0, stride * stride + 3 * stride);
    for (let i = 0; i < d; i++) f.set(matrix.subarray(i * d, (i + 1) * d), i * stride);
    f.set(vector, stride * stride);
  }

  /** wᵀSw (sums in another order than a JS loop: equal up to float64 rounding). */
  quadratic(w: ArrayLike<number>): number {
    const stride = this.#stride, at = stride * stride + stride;
    this.#setW(w, at);
    return this.#exports.quadratic(0, at * 8, this.dims, stride);
  }

  /** quadratic(w) and quadratic(v) in one pass over S (~1.6× two calls: each row loaded once,
   *  twice the independent sums), the same results to the bit; with w·μ and v·μ as
   *  dotWithVector() gives them. Writes [wᵀSw, vᵀSv, w·μ, v·μ] into `out`. */
  quadraticPair(w: ArrayLike<number>, v: ArrayLike<number>, out: Float64Array): void {
    const stride = this.#stride, mu = stride * stride, at = mu + stride, second = at + stride, results = second + stride;
    this.#setW(w, at);
    this.#setW(v, second);
    const e = this.#exports;
    e.quadraticPair(0, at * 8, second * 8, this.dims, stride, results * 8);
    out[0] = this.#floats[results];
    out[1] = this.#floats[results + 1];
    out[2] = e.dot(mu * 8, at * 8, stride);
    out[3] = e.dot(mu * 8, second * 8, stride);
  }

  /** w·μ of the vector given to the last quadratic() call. */
  dotWithVector(): number {
    const stride = this.#stride;
    return this.#exports.dot(stride * stride * 8, (stride * stride + stride) * 8, stride);
  }

  #setW(w: ArrayLike<number>, at: number): void {
    const f = this.#floats, d = this.dims;
    if (w.length !== d) throw new RangeError(`QuadraticForm: vector of ${w.length} dims, expected ${d}`);
    for (let i = 0; i < d; i++) f[at + i] = w[i];
  }
}
