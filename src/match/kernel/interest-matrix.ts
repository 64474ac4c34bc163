// The standing interests as one quantized matrix in shared WebAssembly memory, plus their
// exact float32 rows for rescoring, with incremental add / update / remove.
//
// Rows live in slots. Removing a row empties its slot (zero codes, threshold +∞ so the
// kernel never emits it) and puts the slot on a free list that the next add reuses, so no
// change ever needs a rebuild; compact() moves rows from the end into holes when many
// removals have left the scanned range sparse. Growth appends blocks at the end of the
// memory (WebAssembly.Memory.grow on a shared memory keeps every byte in place and is
// seen by every worker) in segments of 4096 interests that also hold their exact float32
// rows, which the kernel rescores candidates against.
//
// Vectors are normalized on the way in: scores are cosines, which keeps the kernel's
// error bound simple (‖p‖ = 1) and makes thresholds comparable across interests.
import {
  BLOCK_INTERESTS, EXACT_CHUNK, HEADER_CORRECTION, HEADER_ERROR, HEADER_SCALE, HEADER_THRESHOLD, QUAD_STRIDE, WASM_PAGE,
  bytesForSlots, codeOffset, headerOffset, planLayout, rowOffset, type MatrixLayout,
} from './layout.ts';
import { exactDot, quantizeInterest } from './quantize.ts';
import { denseKernelModule } from './dense-scan.ts';
import { equalParts, partIndex, type ScanPart } from './scan-part.ts';
import { FLOORS_PER_SLOT } from './pair-tally.ts';

/** Ids below this are also looked up in a dense array (4 bytes per id up to the largest). */
const DENSE_IDS = 1 << 24;

type KernelDots = (blocksBase: number, segmentBytes: number, rowsOffset: number, quads: number, postRow: number, slots: number, count: number, out: number) => void;

export class DimensionMismatchError extends Error {
  readonly expected: number;
  readonly actual: number;
  constructor(what: string, expected: number, actual: number) {
    super(`${what}: vector has ${actual} dimensions, the matrix has ${expected}`);
    this.name = 'DimensionMismatchError';
    this.expected = expected;
    this.actual = actual;
  }
}

export class UnknownInterestError extends Error {
  readonly interestId: number;
  constructor(what: string, interestId: number) {
    super(`${what}: no interest with id ${interestId} in the matrix`);
    this.name = 'UnknownInterestError';
    this.interestId = interestId;
  }
}

export interface InterestMatrixOptions {
  /** Slots to allocate up front (grows by doubling past it). */
  initialCapacity?: number;
  /** Upper bound on memory the matrix may grow to, in bytes (default 1 GiB). */
  maxBytes?: number;
  /** Posts per kernel call and scan regions (one per thread that scans). */
  maxBatch?: number;
  regions?: number;
}

/** Everything a scan worker needs to read the matrix; structured-cloneable. */
export interface SharedMatrix {
  layout: MatrixLayout;
  memory: WebAssembly.Memory;
}

/** Normalizes to unit length into a new Float32Array (the zero vector stays zero). */
export function unitVector(vector: ArrayLike<number>): Float32Array {
  const out = new Float32Array(vector.length);
  if (!unitInto(vector, out)) throw new RangeError('unitVector: vector contains NaN or Infinity');
  return out;
}

/** unitVector's numbers written into `out` from `at`; false (nothing written) for a vector with
 *  a NaN or infinite value. */
export function unitInto(vector: ArrayLike<number>, out: Float32Array, at = 0): boolean {
  let norm2 = 0;
  for (let i = 0; i < vector.length; i++) norm2 += vector[i] * vector[i];
  if (!Number.isFinite(norm2)) return false;
  const inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
  for (let i = 0; i < vector.length; i++) out[at + i] = vector[i] * inv;
  return true;
}

export class InterestMatrix {
  readonly layout: MatrixLayout;
  readonly memory: WebAssembly.Memory;
  private bytes!: Uint8Array;
  private floats32!: Float32Array;
  private ints32!: Int32Array;
  private slotIds = new Float64Array(0);
  /** Per slot [report, tally] (pair-tally.ts), in shared memory for the scan workers; a slot
   *  nobody set lists every pair (report −∞). Grown with slotIds (a new buffer: scans are sent
   *  the current one). */
  private floorBuffer = new SharedArrayBuffer(0);
  private floors: Float32Array<SharedArrayBuffer> = new Float32Array(this.floorBuffer);
  private readonly slotOf = new Map<number, number>();
  /** slot + 1 by id for small non-negative integer ids (0: none), beside slotOf: exactScores
   *  looks up thousands of ids per post, and a Map lookup cost as much as the dot product. */
  private denseSlots = new Int32Array(0);
  private readonly freeSlots: number[] = [];
  /** Slots in use or freed: the kernel scans blocks covering [0, slotCount). */
  private slotCount = 0;
  private readonly maxBytes: number;
  /** The kernel's $dots, instantiated on first use (null: the kernel is unavailable here). */
  private dots: KernelDots | null | undefined;

  constructor(dims: number, options: InterestMatrixOptions = {}) {
    this.layout = planLayout(dims, { maxBatch: options.maxBatch, regions: options.regions });
    this.maxBytes = options.maxBytes ?? 2 ** 30;
    const initialBytes = bytesForSlots(this.layout, Math.max(options.initialCapacity ?? 1024, BLOCK_INTERESTS));
    this.memory = new WebAssembly.Memory({
      initial: Math.ceil(initialBytes / WASM_PAGE),
      maximum: Math.ceil(this.maxBytes / WASM_PAGE),
      shared: true,
    });
    this.refreshViews();
  }

  get dims(): number { return this.layout.dims; }
  /** Number of interests held. */
  get size(): number { return this.slotOf.size; }
  /** Blocks the kernel must scan. */
  get blockCount(): number { return Math.ceil(this.slotCount / BLOCK_INTERESTS); }
  /** Slots the scan covers, including holes (size / slotSpan is the occupancy). */
  get slotSpan(): number { return this.slotCount; }

  shared(): SharedMatrix {
    return { layout: this.layout, memory: this.memory };
  }

  has(id: number): boolean { return this.slotOf.has(id); }
  slotOfId(id: number): number | undefined { return this.slotOf.get(id); }
  idOfSlot(slot: number): number { return this.slotIds[slot]; }
  /** The slot of an id: the dense array before the Map (the matcher moves thresholds and floors
   *  of every interest before each scan). */
  #slotOfKnown(id: number): number | undefined {
    const dense = this.denseSlots;
    return id >= 0 && id < dense.length && id === (id | 0) && dense[id] > 0 ? dense[id] - 1 : this.slotOf.get(id);
  }

  /** DenseScorer.split for the scorers on this matrix: parts of its blocks (slots never move but
   *  for compact(); new ones are appended, in the last part). */
  split(parts: number): ScanPart[] {
    return equalParts(this.blockCount, parts);
  }

  partOf(id: number, parts: readonly ScanPart[]): number {
    const slot = this.#slotOfKnown(id);
    return slot === undefined ? -1 : partIndex(parts, Math.floor(slot / BLOCK_INTERESTS));
  }

  /** The blocks [start, end) a scan of `part` covers now (all of them without one). */
  blocksOf(part?: ScanPart): { start: number; end: number } {
    const blocks = this.blockCount;
    if (!part) return { start: 0, end: blocks };
    return { start: Math.max(0, part.from), end: Math.max(0, Math.min(blocks, part.to)) };
  }

  /** The per-slot report and tally floors (pair-tally.ts), for scans with a tally. */
  get floorsBuffer(): SharedArrayBuffer { return this.floorBuffer; }

  /** An interest's report and tally floors (pair-tally.ts): pairs under `report` are tallied from
   *  `tally` up, not listed, by scans given a tally. Float32, as the cosines they are compared with. */
  setReportFloors(id: number, report: number, tally: number): void {
    const slot = this.#slotOfKnown(id);
    if (slot === undefined) throw new UnknownInterestError('InterestMatrix.setReportFloors', id);
    if (Number.isNaN(report) || Number.isNaN(tally)) throw new RangeError('InterestMatrix.setReportFloors: floor is NaN');
    this.floors[slot * FLOORS_PER_SLOT] = report;
    this.floors[slot * FLOORS_PER_SLOT + 1] = tally;
  }

  /** Adds an interest; `threshold` is its own floor (the per-call threshold also applies). */
  add(id: number, vector: ArrayLike<number>, threshold = -Infinity): void {
    if (this.slotOf.has(id)) { this.update(id, vector, threshold); return; }
    if (!Number.isSafeInteger(id)) throw new RangeError(`InterestMatrix.add: id must be a safe integer, got ${id}`);
    this.checkDims('InterestMatrix.add', vector);
    const unit = unitVector(vector); // throws on NaN before a slot is taken
    if (Number.isNaN(threshold)) throw new RangeError('InterestMatrix.add: threshold is NaN');
    const slot = this.freeSlots.length ? this.freeSlots.pop()! : this.appendSlot();
    this.slotOf.set(id, slot);
    this.setDenseSlot(id, slot);
    this.slotIds[slot] = id;
    this.writeRow(slot, unit, threshold);
  }

  /** Replaces an interest's vector and threshold in place. */
  update(id: number, vector: ArrayLike<number>, threshold = -Infinity): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) throw new UnknownInterestError('InterestMatrix.update', id);
    this.checkDims('InterestMatrix.update', vector);
    const unit = unitVector(vector);
    if (Number.isNaN(threshold)) throw new RangeError('InterestMatrix.update: threshold is NaN');
    this.writeRow(slot, unit, threshold);
  }

  setThreshold(id: number, threshold: number): void {
    const slot = this.#slotOfKnown(id);
    if (slot === undefined) throw new UnknownInterestError('InterestMatrix.setThreshold', id);
    if (Number.isNaN(threshold)) throw new RangeError('InterestMatrix.setThreshold: threshold is NaN');
    this.floats32[headerOffset(this.layout, slot, HEADER_THRESHOLD) >> 2] = threshold;
  }

  remove(id: number): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.setDenseSlot(id, -1);
    this.clearSlot(slot);
    this.freeSlots.push(slot);
    return true;
  }

  /**
   * Moves rows from the end of the scanned range into holes and shrinks the range, so a
   * scan after many removals reads only occupied blocks. Must not run during a scan.
   */
  compact(): number {
    let moved = 0;
    const holes = new Set(this.freeSlots);
    this.freeSlots.length = 0;
    const sortedHoles = [...holes].sort((a, b) => a - b);
    let end = this.slotCount;
    for (const hole of sortedHoles) {
      while (end > 0 && holes.has(end - 1)) end--;
      if (hole >= end) break;
      const from = end - 1;
      this.moveRow(from, hole);
      holes.delete(hole);
      holes.add(from);
      end--;
      moved++;
    }
    while (end > 0 && holes.has(end - 1)) end--;
    for (let s = end; s < this.slotCount; s++) this.clearSlot(s);
    this.slotCount = end;
    for (const hole of holes) if (hole < end) this.freeSlots.push(hole);
    return moved;
  }

  /** The exact (unit float32) row of a slot, as a copy. */
  floatRow(slot: number): Float32Array {
    const at = rowOffset(this.layout, slot) >> 2;
    return this.floats32.slice(at, at + this.layout.dims);
  }

  /** Exact cosines of a post with the given interests (NaN for unknown ids): the kernel's $dots
   *  in this thread (~20× the JS loop), bit for bit what a scan reports. The post is made a unit
   *  row in place, in the exact-score scratch (a new row per call was ~3,000 arrays a batch in the
   *  matcher, and a path that ran ~10× slower in half the runs: kernel/README.md). */
  exactScores(post: ArrayLike<number>, ids: ArrayLike<number>): Float32Array {
    const out = new Float32Array(ids.length);
    const dots = this.kernelDots();
    const { layout } = this;
    this.checkDims('exactScores: post', post);
    const row = layout.exactScratch, slots = row + layout.rowBytes, scores = slots + EXACT_CHUNK * 4;
    const floats = this.floats32, ints = this.ints32;
    floats.fill(0, row >> 2, (row + layout.rowBytes) >> 2); // padding dimensions stay zero
    if (!unitInto(post, floats, row >> 2)) throw new RangeError('exactScores: the post has a NaN or infinite value');
    if (!dots) {
      for (let i = 0; i < ids.length; i++) {
        const slot = this.slotOf.get(ids[i]);
        out[i] = slot === undefined ? NaN : exactDot(floats, rowOffset(layout, slot) >> 2, floats, row >> 2, layout.dims);
      }
      return out;
    }
    for (let start = 0; start < ids.length; start += EXACT_CHUNK) {
      const n = Math.min(EXACT_CHUNK, ids.length - start);
      // Unknown ids are scored against slot 0 (always allocated) and reported as NaN.
      const unknown: number[] = [];
      for (let i = 0; i < n; i++) {
        const slot = this.#slotOfKnown(ids[start + i]) ?? -1;
        if (slot < 0) unknown.push(i);
        ints[(slots >> 2) + i] = slot < 0 ? 0 : slot;
      }
      dots(layout.blocksBase, layout.segmentBytes, layout.rowsOffset, layout.quads, row, slots, n, scores);
      out.set(floats.subarray(scores >> 2, (scores >> 2) + n), start);
      for (const i of unknown) out[start + i] = NaN;
    }
    return out;
  }

  /** The kernel's $dots for this thread, or undefined where the kernel cannot run. */
  private kernelDots(): KernelDots | undefined {
    if (this.dots === undefined) {
      try {
        const exports = new WebAssembly.Instance(denseKernelModule(), { env: { memory: this.memory } }).exports as { dots: KernelDots };
        this.dots = exports.dots;
      } catch {
        this.dots = null;
      }
    }
    return this.dots ?? undefined;
  }

  thresholdOfSlot(slot: number): number {
    return this.floats32[headerOffset(this.layout, slot, HEADER_THRESHOLD) >> 2];
  }

  /** Keeps denseSlots in step with slotOf (slot −1: removed); ids past DENSE_IDS stay in the Map only. */
  private setDenseSlot(id: number, slot: number): void {
    if (!(id >= 0 && id < DENSE_IDS && id === Math.floor(id))) return;
    if (id >= this.denseSlots.length) {
      if (slot < 0) return;
      const grown = new Int32Array(Math.min(DENSE_IDS, Math.max(id + 1, this.denseSlots.length * 2, 1024)));
      grown.set(this.denseSlots);
      this.denseSlots = grown;
    }
    this.denseSlots[id] = slot + 1;
  }

  private checkDims(what: string, vector: ArrayLike<number>): void {
    if (vector.length !== this.layout.dims) throw new DimensionMismatchError(what, this.layout.dims, vector.length);
  }

  private appendSlot(): number {
    const slot = this.slotCount;
    this.ensureSlots(slot + 1);
    if (slot % BLOCK_INTERESTS === 0) {
      // A fresh block: every lane starts empty (threshold +∞) so the kernel skips it.
      for (let s = slot; s < slot + BLOCK_INTERESTS; s++) this.clearSlot(s);
    }
    this.slotCount = slot + 1;
    return slot;
  }

  private ensureSlots(slots: number): void {
    const needed = bytesForSlots(this.layout, slots);
    const have = this.memory.buffer.byteLength;
    if (needed > have) {
      if (needed > this.maxBytes) throw new RangeError(`InterestMatrix: ${slots} interests need ${needed} bytes, over maxBytes ${this.maxBytes}`);
      const target = Math.min(Math.max(needed, have * 2), this.maxBytes);
      this.memory.grow(Math.ceil((target - have) / WASM_PAGE));
      this.refreshViews();
    }
    if (this.slotIds.length < slots) {
      const ids = new Float64Array(Math.max(slots, this.slotIds.length * 2, 1024));
      ids.set(this.slotIds);
      this.slotIds = ids;
      this.floorBuffer = new SharedArrayBuffer(ids.length * FLOORS_PER_SLOT * 4);
      const floors = new Float32Array(this.floorBuffer);
      floors.set(this.floors);
      this.floors = floors;
    }
  }

  private refreshViews(): void {
    const buffer = this.memory.buffer as unknown as SharedArrayBuffer;
    this.bytes = new Uint8Array(buffer);
    this.floats32 = new Float32Array(buffer);
    this.ints32 = new Int32Array(buffer);
  }

  /** Writes a unit row (normalized once, by the caller: renormalizing could move the last bit). */
  private writeRow(slot: number, unit: Float32Array, threshold: number): void {
    this.floats32.set(unit, rowOffset(this.layout, slot) >> 2); // padding stays zero
    const q = quantizeInterest(unit, this.layout.quads * 4);
    const base = codeOffset(this.layout, slot);
    const bytes = this.bytes;
    let codeSum = 0;
    for (let j = 0; j < this.layout.quads; j++) {
      for (let k = 0; k < 4; k++) {
        const code = q.codes[4 * j + k];
        bytes[base + j * QUAD_STRIDE + k] = code & 0xff;
        codeSum += code;
      }
    }
    const f = this.floats32;
    // Posts reach the kernel offset by +64; starting the accumulator here cancels it.
    this.ints32[headerOffset(this.layout, slot, HEADER_CORRECTION) >> 2] = -64 * codeSum;
    f[headerOffset(this.layout, slot, HEADER_SCALE) >> 2] = q.scale;
    f[headerOffset(this.layout, slot, HEADER_THRESHOLD) >> 2] = threshold;
    // ‖ŵ‖ ≤ 1 + error; the post's share of the bound is added per call.
    f[headerOffset(this.layout, slot, HEADER_ERROR) >> 2] = q.error;
  }

  private clearSlot(slot: number): void {
    const base = codeOffset(this.layout, slot);
    for (let j = 0; j < this.layout.quads; j++) this.bytes.fill(0, base + j * QUAD_STRIDE, base + j * QUAD_STRIDE + 4);
    const row = rowOffset(this.layout, slot) >> 2;
    this.floats32.fill(0, row, row + this.layout.dims);
    this.ints32[headerOffset(this.layout, slot, HEADER_CORRECTION) >> 2] = 0;
    const f = this.floats32;
    f[headerOffset(this.layout, slot, HEADER_SCALE) >> 2] = 0;
    f[headerOffset(this.layout, slot, HEADER_THRESHOLD) >> 2] = Infinity;
    f[headerOffset(this.layout, slot, HEADER_ERROR) >> 2] = 0;
    this.floors[slot * FLOORS_PER_SLOT] = -Infinity;
    this.floors[slot * FLOORS_PER_SLOT + 1] = Infinity;
  }

  private moveRow(from: number, to: number): void {
    const id = this.slotIds[from];
    const row = this.floatRow(from);
    const threshold = this.thresholdOfSlot(from);
    this.writeRow(to, row, threshold);
    this.floors.copyWithin(to * FLOORS_PER_SLOT, from * FLOORS_PER_SLOT, (from + 1) * FLOORS_PER_SLOT);
    this.slotIds[to] = id;
    this.slotOf.set(id, to);
    this.setDenseSlot(id, to);
    this.clearSlot(from);
  }
}
