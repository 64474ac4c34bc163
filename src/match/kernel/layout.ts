// Where things live in the kernel's shared WebAssembly memory. Pure arithmetic, shared by
// the main thread and the scan workers so both read the same bytes the same way.
//
//   [ scan region 0 | … | scan region R-1 | exact-score scratch | segment 0 | segment 1 | … ]
//   segment = [ 256 blocks of 16 int8 interests | 4096 exact float32 rows ]
//
// Scan regions are per thread (a thread writes its batch of posts there and the kernel
// writes that thread's matches there). Interests come in segments of 4096 that are
// appended as the matrix grows, so growing the memory never moves a byte, and each
// interest's exact row sits in the same memory for the kernel's in-place rescoring.
// Offsets are 64-byte aligned (v128 loads want 16; 64 keeps headers on one cache line).

/** Interests per block: 4 accumulators × 4 lanes of i32x4 in the kernel. */
export const BLOCK_INTERESTS = 16;
export const SEGMENT_BLOCKS = 256;
export const SEGMENT_INTERESTS = BLOCK_INTERESTS * SEGMENT_BLOCKS;
/** Bytes of a block's header: scale, threshold, error bound (f32[16] each), offset correction (i32[16]). */
export const BLOCK_HEADER_BYTES = 256;
export const HEADER_SCALE = 0;
export const HEADER_THRESHOLD = 64;
export const HEADER_ERROR = 128;
export const HEADER_CORRECTION = 192;
/** Bytes between consecutive groups of 4 dimensions of one interest's codes. */
export const QUAD_STRIDE = 64;
/** One emitted match: i32 post index, i32 slot, f32 exact score. */
export const OUTPUT_RECORD_BYTES = 12;
const SCRATCH_BYTES = 128;
/** Slots per $dots call (exact scores of chosen pairs, InterestMatrix.exactScores). */
export const EXACT_CHUNK = 4096;
export const WASM_PAGE = 65536;

export interface MatrixLayout {
  /** Vector length the caller uses. */
  dims: number;
  /** Groups of 4 dimensions the kernel walks (dims rounded up to a multiple of 4). */
  quads: number;
  blockBytes: number;
  /** Bytes of one exact float32 row (quads × 16, zero-padded). */
  rowBytes: number;
  /** Offset of the float rows inside a segment. */
  rowsOffset: number;
  segmentBytes: number;
  /** Posts per kernel call. */
  maxBatch: number;
  /** Output records per scan region; at least 16 × maxBatch (one block's worth). */
  outputCapacity: number;
  regions: number;
  regionBytes: number;
  /** The exact-score scratch of the thread that owns the matrix (after the scan regions):
   *  one post row, then EXACT_CHUNK slots (i32), then their scores (f32). */
  exactScratch: number;
  /** Offset of segment 0. */
  blocksBase: number;
}

export interface ScanRegion {
  /** maxBatch posts as 7-bit codes + 64, quads × 4 bytes each. */
  posts: number;
  postScales: number;
  /** maxBatch f32: each post's share of the error bound (DenseScan.load). */
  postMargins: number;
  /** maxBatch posts as unit float32 rows (rowBytes each), for exact rescoring. */
  postRows: number;
  scratch: number;
  output: number;
}

const align64 = (n: number) => Math.ceil(n / 64) * 64;

export function planLayout(dims: number, options: { maxBatch?: number; outputCapacity?: number; regions?: number } = {}): MatrixLayout {
  if (!Number.isInteger(dims) || dims < 1 || dims > 1024) throw new RangeError(`planLayout: dims must be an integer in 1..1024, got ${dims}`);
  // 256 posts per call: each matrix block is read from memory once per batch, and the exact
  // rows of candidates get reused across its posts (measured at 300k interests, 1 thread:
  // 5.7 / 6.5 / 7.1 / 7.3 ×10⁸ pairs/s for batches of 32 / 64 / 128 / 256).
  const maxBatch = options.maxBatch ?? 256;
  if (maxBatch < 2 || maxBatch % 2) throw new RangeError(`planLayout: maxBatch must be even and ≥ 2, got ${maxBatch}`);
  const outputCapacity = Math.max(options.outputCapacity ?? 32768, BLOCK_INTERESTS * maxBatch);
  const regions = options.regions ?? 1;
  const quads = Math.ceil(dims / 4);
  const blockBytes = BLOCK_HEADER_BYTES + quads * QUAD_STRIDE;
  const rowBytes = quads * 16;
  const rowsOffset = align64(SEGMENT_BLOCKS * blockBytes);
  const regionBytes = align64(maxBatch * quads * 4) + 2 * align64(maxBatch * 4) + align64(maxBatch * rowBytes)
    + SCRATCH_BYTES + align64(outputCapacity * OUTPUT_RECORD_BYTES);
  return {
    dims, quads, blockBytes, rowBytes, rowsOffset,
    segmentBytes: align64(rowsOffset + SEGMENT_INTERESTS * rowBytes),
    maxBatch, outputCapacity, regions, regionBytes,
    exactScratch: regions * regionBytes,
    blocksBase: regions * regionBytes + align64(rowBytes + EXACT_CHUNK * 8),
  };
}

export function scanRegion(layout: MatrixLayout, region: number): ScanRegion {
  if (region < 0 || region >= layout.regions) throw new RangeError(`scanRegion: region ${region} outside 0..${layout.regions - 1}`);
  const posts = region * layout.regionBytes;
  const postScales = posts + align64(layout.maxBatch * layout.quads * 4);
  const postMargins = postScales + align64(layout.maxBatch * 4);
  const postRows = postMargins + align64(layout.maxBatch * 4);
  const scratch = postRows + align64(layout.maxBatch * layout.rowBytes);
  return { posts, postScales, postMargins, postRows, scratch, output: scratch + SCRATCH_BYTES };
}

/** Byte offset of block `block` (kernel arithmetic: segment = block >> 8). */
export function blockOffset(layout: MatrixLayout, block: number): number {
  return layout.blocksBase + Math.floor(block / SEGMENT_BLOCKS) * layout.segmentBytes + (block % SEGMENT_BLOCKS) * layout.blockBytes;
}

/**
 * Byte offset of a slot's first code byte (dimensions 0..3); the codes for dimensions
 * 4j..4j+3 follow at + QUAD_STRIDE·j.
 */
export function codeOffset(layout: MatrixLayout, slot: number): number {
  const lane = slot % BLOCK_INTERESTS;
  return blockOffset(layout, Math.floor(slot / BLOCK_INTERESTS)) + BLOCK_HEADER_BYTES + (lane >> 2) * 16 + (lane & 3) * 4;
}

/** Byte offset of a slot's f32 in one of the header arrays (HEADER_SCALE / _THRESHOLD / _ERROR / _CORRECTION). */
export function headerOffset(layout: MatrixLayout, slot: number, field: number): number {
  return blockOffset(layout, Math.floor(slot / BLOCK_INTERESTS)) + field + (slot % BLOCK_INTERESTS) * 4;
}

/** Byte offset of a slot's exact float32 row. */
export function rowOffset(layout: MatrixLayout, slot: number): number {
  return layout.blocksBase + Math.floor(slot / SEGMENT_INTERESTS) * layout.segmentBytes + layout.rowsOffset + (slot % SEGMENT_INTERESTS) * layout.rowBytes;
}

export function bytesForSlots(layout: MatrixLayout, slots: number): number {
  return layout.blocksBase + Math.ceil(slots / SEGMENT_INTERESTS) * layout.segmentBytes;
}
