// fp16 exports of sentence-transformers return half-precision token vectors. onnxruntime-node
// hands them over as a Float16Array where the JavaScript runtime has one (Node 24), else as raw
// 16-bit patterns in a Uint16Array (Node 22): those are decoded here.

/** IEEE 754 binary16 bit patterns → float32 values (subnormals, infinities and NaN included). */
export function float16ToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) out[i] = sign * fraction * 2 ** -24;
    else if (exponent === 0x1f) out[i] = fraction ? NaN : sign * Infinity;
    else out[i] = sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
  }
  return out;
}
