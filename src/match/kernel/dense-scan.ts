// One thread's scan: quantize a batch of posts into this thread's scan region and run the
// WebAssembly kernel over a range of blocks; the kernel rescores its candidates exactly in
// float32 and writes out only real matches. The main thread and each worker own one
// DenseScan over the same shared matrix memory.
import { readFileSync } from 'node:fs';
import type { SharedMatrix } from './interest-matrix.ts';
import { OUTPUT_RECORD_BYTES, scanRegion, type MatrixLayout, type ScanRegion } from './layout.ts';
import { quantizePost } from './quantize.ts';
import { listOrTally } from './pair-tally.ts';
import { KERNEL_FILES, type KernelForm } from './kernel-form.ts';

const compiled = new Map<KernelForm, WebAssembly.Module>();

/** The runtime cannot compile the kernel (it needs WebAssembly SIMD, relaxed SIMD and threads). */
export class KernelUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super(`dense kernel: this runtime cannot compile src/match/kernel/dense.wasm (needs WebAssembly relaxed SIMD and shared memory; Node ≥ 22 has both): ${String((options?.cause as Error)?.message ?? options?.cause)}`, options);
    this.name = 'KernelUnavailableError';
  }
}

/** The compiled kernel in one of its forms (kernel-form.ts; built from dense.wat by
 *  tools/build-wasm.ts), compiled once per thread. */
export function denseKernelModule(form: KernelForm = 'fused'): WebAssembly.Module {
  let module = compiled.get(form);
  if (!module) {
    try {
      module = new WebAssembly.Module(readFileSync(new URL(`./${KERNEL_FILES[form]}`, import.meta.url)));
    } catch (cause) {
      throw new KernelUnavailableError({ cause });
    }
    compiled.set(form, module);
  }
  return module;
}

/** Whether the kernel compiles here (else use FloatDenseScorer). */
export function denseKernelAvailable(): boolean {
  try {
    denseKernelModule();
    return true;
  } catch {
    return false;
  }
}

interface KernelExports {
  scan(blocksBase: number, blockStart: number, blockEnd: number, quads: number, posts: number, postScales: number,
    postRows: number, n: number, callThreshold: number, postMargins: number, out: number, outCap: number, scratch: number,
    segmentBytes: number, rowsOffset: number): number;
  emitted: WebAssembly.Global;
  rescored: WebAssembly.Global;
}

/** Raw per-slot results of one scan: slots, not ids (only the main thread maps ids). */
export interface SlotMatches {
  post: Int32Array;
  slot: Int32Array;
  score: Float32Array;
  length: number;
}

export class DenseScan {
  private readonly layout: MatrixLayout;
  private readonly region: ScanRegion;
  private readonly memory: WebAssembly.Memory;
  private readonly kernel: KernelExports;
  private loaded = 0;

  constructor(matrix: SharedMatrix, region: number, module: WebAssembly.Module = denseKernelModule()) {
    this.layout = matrix.layout;
    this.region = scanRegion(matrix.layout, region);
    this.memory = matrix.memory;
    this.kernel = new WebAssembly.Instance(module, { env: { memory: matrix.memory } }).exports as unknown as KernelExports;
  }

  /** Candidates the int8 prefilter passed to exact rescoring since the last call (then resets). */
  takeRescoredCount(): number {
    const count = this.kernel.rescored.value as number;
    this.kernel.rescored.value = 0;
    return count;
  }

  /**
   * Scores `n` unit post vectors (rows of `posts`, `dims` apart) against blocks
   * [blockStart, blockEnd); appends (post, slot, exact score) for every pair at or above
   * max(threshold, the interest's own threshold). n ≤ layout.maxBatch.
   */
  scan(posts: Float32Array, n: number, threshold: number, blockStart: number, blockEnd: number, out: SlotMatches = emptySlotMatches(),
    tally?: { floors: Float32Array; accumulator: Float64Array }): SlotMatches {
    this.load(posts, n);
    return this.scanBlocks(threshold, blockStart, blockEnd, out, tally);
  }

  /** Quantizes a batch of posts into this thread's region, for scanBlocks calls to follow. */
  load(posts: Float32Array, n: number): void {
    const { layout, region } = this;
    if (n > layout.maxBatch) throw new RangeError(`DenseScan.load: ${n} posts, batch limit is ${layout.maxBatch}`);
    const buffer = this.memory.buffer as unknown as SharedArrayBuffer;
    const padded = layout.quads * 4;
    const codes = new Uint8Array(buffer, region.posts, layout.maxBatch * padded);
    const scales = new Float32Array(buffer, region.postScales, layout.maxBatch);
    const margins = new Float32Array(buffer, region.postMargins, layout.maxBatch);
    const postRows = new Float32Array(buffer, region.postRows, layout.maxBatch * padded);
    const dims = layout.dims;
    for (let p = 0; p < n; p++) {
      const row = posts.subarray(p * dims, (p + 1) * dims);
      postRows.set(row, p * padded); // padding stays zero
      const q = quantizePost(row, padded);
      for (let i = 0; i < padded; i++) codes[p * padded + i] = q.codes[i] + 64;
      scales[p] = q.scale;
      // The post's share of the error bound: ‖ŵ‖ ≤ 1 + interest error (≤ √1024/254 < 0.13),
      // plus float rounding of the dequantization. Per post, not the batch's largest: a
      // post's error varies ~1.6× across posts (its largest component sets its step), and
      // every 0.001 of margin is more candidates to rescore near the floors.
      margins[p] = q.error * 1.13 + 1e-5;
    }
    // The kernel takes posts two at a time: an odd batch gets a zero post, whose records
    // are dropped by scanBlocks.
    const even = n + (n & 1);
    if (even > n) {
      codes.fill(64, n * padded, even * padded);
      postRows.fill(0, n * padded, even * padded);
      scales[n] = 0;
      margins[n] = 0;
    }
    this.loaded = n;
  }

  /** Scans blocks [blockStart, blockEnd) for the loaded batch (see scan). With `tally`, a pair
   *  under its slot's report floor is not listed but tallied into `tally.accumulator`, or dropped
   *  under the tally floor (pair-tally.ts). */
  scanBlocks(threshold: number, blockStart: number, blockEnd: number, out: SlotMatches = emptySlotMatches(),
    tally?: { floors: Float32Array; accumulator: Float64Array }): SlotMatches {
    const { layout, region } = this;
    const n = this.loaded;
    // Re-read every call: another thread may have grown the memory.
    const buffer = this.memory.buffer as unknown as SharedArrayBuffer;
    const records32 = new Int32Array(buffer);
    const recordsF32 = new Float32Array(buffer);
    let block = blockStart;
    while (block < blockEnd) {
      block = this.kernel.scan(layout.blocksBase, block, blockEnd, layout.quads, region.posts, region.postScales, region.postRows,
        n + (n & 1), threshold, region.postMargins, region.output, layout.outputCapacity, region.scratch, layout.segmentBytes, layout.rowsOffset);
      const emitted = this.kernel.emitted.value as number;
      if (tally) {
        const { floors, accumulator } = tally;
        for (let i = 0, at = region.output >> 2; i < emitted; i++, at += OUTPUT_RECORD_BYTES >> 2) {
          const post = records32[at], slot = records32[at + 1], score = recordsF32[at + 2];
          if (post < n && listOrTally(floors, accumulator, slot, score)) pushSlotMatch(out, post, slot, score);
        }
      } else {
        for (let i = 0, at = region.output >> 2; i < emitted; i++, at += OUTPUT_RECORD_BYTES >> 2) {
          const post = records32[at];
          if (post < n) pushSlotMatch(out, post, records32[at + 1], recordsF32[at + 2]);
        }
      }
    }
    return out;
  }
}

export function emptySlotMatches(capacity = 256): SlotMatches {
  return { post: new Int32Array(capacity), slot: new Int32Array(capacity), score: new Float32Array(capacity), length: 0 };
}

export function pushSlotMatch(m: SlotMatches, post: number, slot: number, score: number): void {
  if (m.length === m.post.length) {
    const cap = m.length * 2 + 16;
    const p = new Int32Array(cap); p.set(m.post); m.post = p;
    const s = new Int32Array(cap); s.set(m.slot); m.slot = s;
    const f = new Float32Array(cap); f.set(m.score); m.score = f;
  }
  m.post[m.length] = post;
  m.slot[m.length] = slot;
  m.score[m.length] = score;
  m.length++;
}
