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

/** The exact score every scorer agrees on: float32 inputs, float64 sum, rounded to float32 once. */
export function exactDot(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, dims: number): number {
  let sum = 0;
  for (let i = 0; i < dims; i++) sum += a[aOffset + i] * b[bOffset + i];
  return Math.fround(sum);
}
