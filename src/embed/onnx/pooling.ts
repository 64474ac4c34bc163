// Token vectors → one sentence vector, as sentence-transformers' Pooling module does. The mode
// is part of the model: all-MiniLM and e5 were trained with the mean of the real (unpadded)
// tokens, bge with the [CLS] token; the wrong one gives vectors that look fine and rank badly.

export type PoolingMode = 'mean' | 'cls' | 'max';

/**
 * The mode a `1_Pooling/config.json` selects, or why it cannot be used. `mean_sqrt_len` is
 * mean times √n: the same direction, so the same unit vector.
 */
export function poolingModeFromConfig(config: unknown): PoolingMode | string {
  const c = (config ?? {}) as Record<string, unknown>;
  const modes: PoolingMode[] = [];
  if (c.pooling_mode_cls_token === true) modes.push('cls');
  if (c.pooling_mode_mean_tokens === true || c.pooling_mode_mean_sqrt_len_tokens === true) modes.push('mean');
  if (c.pooling_mode_max_tokens === true) modes.push('max');
  const unsupported = ['pooling_mode_weightedmean_tokens', 'pooling_mode_lasttoken'].filter((k) => c[k] === true);
  if (unsupported.length > 0) return `${unsupported.join(', ')} is not supported (cls, mean, max are)`;
  if (modes.length === 0) return 'no pooling mode is switched on';
  // Several modes concatenate their vectors in sentence-transformers; no common model does that.
  if (new Set(modes).size > 1) return `several pooling modes at once (${modes.join(' + ')}) are not supported`;
  return modes[0];
}

/**
 * Pools `hidden` ([batch, seq, dims], row-major) into one vector per sequence. `lengths[b]` is
 * the number of real tokens of sequence b; the rest is padding and never counted. Sequences are
 * right-padded, so the real tokens are positions 0 … lengths[b]−1 and [CLS] is position 0.
 */
export function poolTokens(hidden: Float32Array, seq: number, dims: number, lengths: readonly number[], mode: PoolingMode): Float32Array[] {
  return lengths.map((length, b) => {
    const out = new Float32Array(dims);
    const base = b * seq * dims;
    if (length === 0) return out;
    if (mode === 'cls') {
      out.set(hidden.subarray(base, base + dims));
      return out;
    }
    if (mode === 'max') {
      out.set(hidden.subarray(base, base + dims));
      for (let i = 1; i < length; i++) {
        for (let d = 0; d < dims; d++) out[d] = Math.max(out[d], hidden[base + i * dims + d]);
      }
      return out;
    }
    // Sum in float64: a 512-token mean in float32 loses digits the model has.
    const sum = new Float64Array(dims);
    for (let i = 0; i < length; i++) {
      for (let d = 0; d < dims; d++) sum[d] += hidden[base + i * dims + d];
    }
    for (let d = 0; d < dims; d++) out[d] = sum[d] / length;
    return out;
  });
}
