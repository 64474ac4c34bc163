// Where things live in the kernel's shared WebAssembly memory. Pure arithmetic, shared by
// the main thread and the scan workers so both read the same bytes the same way.
//
//   [ scan region 0 | scan region 1 | … | block 0 | block 1 | … ]
//
// Scan regions are per thread (a thread writes its batch of posts there and the kernel
// writes that thread's matches there); blocks of 16 interests follow and grow at the end,
// so growing the memory never moves anything. Every offset is 64-byte aligned (v128 loads
// want 16; 64 keeps a block's header on its own cache line).

/** Interests per block: 4 accumulators × 4 lanes of i32x4 in the kernel. */
export const BLOCK_INTERESTS = 16;
/** Bytes of a block's header: scale, threshold, error bound (f32[16] each), offset correction (i32[16]). */
export const BLOCK_HEADER_BYTES = 256;
export const HEADER_SCALE = 0;
export const HEADER_THRESHOLD = 64;
export const HEADER_ERROR = 128;
export const HEADER_CORRECTION = 192;
/** One emitted match: i32 post index, i32 slot, f32 approximate score. */
export const OUTPUT_RECORD_BYTES = 12;
const SCRATCH_BYTES = 128;
export const WASM_PAGE = 65536;

export interface MatrixLayout {
  /** Vector length the caller uses. */
  dims: number;
  /** Groups of 4 dimensions the kernel walks (dims rounded up to a multiple of 4). */
  quads: number;
  blockBytes: number;
  /** Posts per kernel call. */
  maxBatch: number;
  /** Output records per scan region; at least 16 × maxBatch (one block's worth). */
  outputCapacity: number;
  regions: number;
  regionBytes: number;
  blocksBase: number;
}

export interface ScanRegion {
  posts: number;
  postScales: number;
  scratch: number;
  output: number;
}

const align64 = (n: number) => Math.ceil(n / 64) * 64;

export function planLayout(dims: number, options: { maxBatch?: number; outputCapacity?: number; regions?: number } = {}): MatrixLayout {
  if (!Number.isInteger(dims) || dims < 1 || dims > 512) throw new RangeError(`planLayout: dims must be an integer in 1..512, got ${dims}`);
  const maxBatch = options.maxBatch ?? 64;
  const outputCapacity = Math.max(options.outputCapacity ?? 32768, BLOCK_INTERESTS * maxBatch);
  const regions = options.regions ?? 9;
  const quads = Math.ceil(dims / 4);
  const regionBytes = align64(maxBatch * quads * 4) + align64(maxBatch * 4) + SCRATCH_BYTES + align64(outputCapacity * OUTPUT_RECORD_BYTES);
  return {
    dims,
    quads,
    blockBytes: BLOCK_HEADER_BYTES + quads * 64,
    maxBatch,
    outputCapacity,
    regions,
    regionBytes,
    blocksBase: regions * regionBytes,
  };
}

export function scanRegion(layout: MatrixLayout, region: number): ScanRegion {
  if (region < 0 || region >= layout.regions) throw new RangeError(`scanRegion: region ${region} outside 0..${layout.regions - 1}`);
  const posts = region * layout.regionBytes;
  const postScales = posts + align64(layout.maxBatch * layout.quads * 4);
  const scratch = postScales + align64(layout.maxBatch * 4);
  return { posts, postScales, scratch, output: scratch + SCRATCH_BYTES };
}

/**
 * Byte offset of a slot's first code byte (dimensions 0..3) inside the memory; the codes
 * for dimensions 4j..4j+3 follow at +64·j (QUAD_STRIDE).
 */
export function codeOffset(layout: MatrixLayout, slot: number): number {
  const lane = slot % BLOCK_INTERESTS;
  return layout.blocksBase + Math.floor(slot / BLOCK_INTERESTS) * layout.blockBytes + BLOCK_HEADER_BYTES + (lane >> 2) * 16 + (lane & 3) * 4;
}

/** Bytes between consecutive groups of 4 dimensions of one interest. */
export const QUAD_STRIDE = 64;

/** Byte offset of a slot's f32 in one of the header arrays (HEADER_SCALE / _THRESHOLD / _ERROR). */
export function headerOffset(layout: MatrixLayout, slot: number, field: number): number {
  return layout.blocksBase + Math.floor(slot / BLOCK_INTERESTS) * layout.blockBytes + field + (slot % BLOCK_INTERESTS) * 4;
}

export function bytesForSlots(layout: MatrixLayout, slots: number): number {
  return layout.blocksBase + Math.ceil(slots / BLOCK_INTERESTS) * layout.blockBytes;
}
