// Quantization of interest and post vectors for the dense kernel, as pure functions.
//
// Interests become int8 with one scale per vector (value ≈ code × scale). Posts become
// 7-bit codes in −63..63 (the kernel's relaxed dot product is only deterministic for
// second-operand bytes 0..127, so it stores them offset by +64). Each quantized vector also
// carries the Euclidean norm of its rounding error: by Cauchy–Schwarz
//   |approx − exact| ≤ ‖w − ŵ‖·‖p‖ + ‖ŵ‖·‖p − p̂‖,
// which is the margin the kernel subtracts from thresholds so that no pair whose exact
// score clears the threshold is ever dropped (recall is not left to chance).

export const INTEREST_CODE_MAX = 127;
export const POST_CODE_MAX = 63;

export interface QuantizedVector<Codes extends Int8Array = Int8Array> {
  codes: Codes;
  /** Dequantization factor: value ≈ code × scale. 0 for the zero vector. */
  scale: number;
  /** ‖original − dequantized‖: bounds the score error this vector can cause. */
  error: number;
}

function quantize<Codes extends Int8Array>(vector: ArrayLike<number>, codes: Codes, max: number): QuantizedVector<Codes> {
  let peak = 0;
  for (let i = 0; i < vector.length; i++) peak = Math.max(peak, Math.abs(vector[i]));
  if (peak === 0 || !Number.isFinite(peak)) {
    if (!Number.isFinite(peak)) throw new RangeError('quantize: vector contains NaN or Infinity');
    return { codes, scale: 0, error: 0 };
  }
  const scale = peak / max;
  let error2 = 0;
  for (let i = 0; i < vector.length; i++) {
    const code = Math.round(vector[i] / scale);
    codes[i] = code;
    const diff = vector[i] - code * scale;
    error2 += diff * diff;
  }
  return { codes, scale, error: Math.sqrt(error2) };
}

/** int8 codes, length padded to `paddedDims` (extra dimensions are 0). */
export function quantizeInterest(vector: ArrayLike<number>, paddedDims: number = vector.length): QuantizedVector<Int8Array> {
  return quantize(vector, new Int8Array(paddedDims), INTEREST_CODE_MAX);
}

/** 7-bit codes (−63..63), length padded to `paddedDims`. */
export function quantizePost(vector: ArrayLike<number>, paddedDims: number = vector.length): QuantizedVector<Int8Array> {
  return quantize(vector, new Int8Array(paddedDims), POST_CODE_MAX);
}

/**
 * The exact score every scorer reports, as the kernel's $dot computes it: float32
 * throughout, four lane sums over dimensions ≡ 0, 1, 2, 3 (mod 4), combined as
 * (l0 + l1) + (l2 + l3). Each float32 operation is reproduced exactly by a float64
 * operation rounded with Math.fround (float64 holds every float32 product and sum
 * before rounding), so JS and WebAssembly agree to the bit.
 */
export function exactDot(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, dims: number): number {
  const f = Math.fround;
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0;
  let d = 0;
  for (; d + 3 < dims; d += 4) {
    l0 = f(l0 + f(a[aOffset + d] * b[bOffset + d]));
    l1 = f(l1 + f(a[aOffset + d + 1] * b[bOffset + d + 1]));
    l2 = f(l2 + f(a[aOffset + d + 2] * b[bOffset + d + 2]));
    l3 = f(l3 + f(a[aOffset + d + 3] * b[bOffset + d + 3]));
  }
  // Padding dimensions are zeros in the kernel: they add exactly nothing.
  if (d < dims) l0 = f(l0 + f(a[aOffset + d] * b[bOffset + d]));
  if (d + 1 < dims) l1 = f(l1 + f(a[aOffset + d + 1] * b[bOffset + d + 1]));
  if (d + 2 < dims) l2 = f(l2 + f(a[aOffset + d + 2] * b[bOffset + d + 2]));
  return f(f(l0 + l1) + f(l2 + l3));
}
