// The dense scorer on the WebAssembly kernel, in the calling thread. For several threads
// see ParallelDenseScorer (same matrix, scanned in slices by workers).
import { InterestMatrix, type InterestMatrixOptions } from './interest-matrix.ts';
import { DenseScan, emptySlotMatches, type SlotMatches } from './dense-scan.ts';
import { MatchList } from './match-list.ts';
import type { DenseScorer } from './dense-scorer.ts';
import { packPosts } from './post-batch.ts';
import { collectTallies, TALLY_PER_SLOT, type PairTally } from './pair-tally.ts';
import type { ScanPart } from './scan-part.ts';
import { denseKernelModule } from './dense-scan.ts';
import { fasterKernelForm } from './kernel-choice.ts';
import type { KernelForm } from './kernel-form.ts';

export interface WasmDenseScorerOptions extends InterestMatrixOptions {
  /** The kernel's form (kernel-form.ts; default: the faster one here, kernel-choice.ts). */
  kernelForm?: KernelForm;
}

export class WasmDenseScorer implements DenseScorer {
  readonly matrix: InterestMatrix;
  private readonly scan: DenseScan;
  /** Per-slot tally accumulator (pair-tally.ts), kept zero between scans. */
  private accumulator = new Float64Array(0);

  /** A scorer over its own matrix, or over an existing one through scan region `region`. */
  constructor(dims: number, options?: WasmDenseScorerOptions);
  constructor(matrix: InterestMatrix, region: number, kernelForm?: KernelForm);
  constructor(dimsOrMatrix: number | InterestMatrix, optionsOrRegion: WasmDenseScorerOptions | number = {}, kernelForm?: KernelForm) {
    if (typeof dimsOrMatrix === 'number') {
      const options = optionsOrRegion as WasmDenseScorerOptions;
      this.matrix = new InterestMatrix(dimsOrMatrix, { ...options, regions: 1 });
      this.scan = new DenseScan(this.matrix.shared(), 0, denseKernelModule(options.kernelForm ?? fasterKernelForm()));
    } else {
      this.matrix = dimsOrMatrix;
      this.scan = new DenseScan(this.matrix.shared(), optionsOrRegion as number, denseKernelModule(kernelForm ?? fasterKernelForm()));
    }
  }

  get dims(): number { return this.matrix.dims; }
  get size(): number { return this.matrix.size; }
  has(id: number): boolean { return this.matrix.has(id); }
  add(id: number, vector: ArrayLike<number>, threshold?: number): void { this.matrix.add(id, vector, threshold); }
  update(id: number, vector: ArrayLike<number>, threshold?: number): void { this.matrix.update(id, vector, threshold); }
  setThreshold(id: number, threshold: number): void { this.matrix.setThreshold(id, threshold); }
  setReportFloors(id: number, report: number, tally: number): void { this.matrix.setReportFloors(id, report, tally); }
  remove(id: number): void { this.matrix.remove(id); }
  compact(): number { return this.matrix.compact(); }
  split(parts: number): ScanPart[] { return this.matrix.split(parts); }
  partOf(id: number, parts: readonly ScanPart[]): number { return this.matrix.partOf(id, parts); }

  async scoreBatch(posts: readonly ArrayLike<number>[], threshold: number, into?: MatchList, tally?: PairTally, part?: ScanPart): Promise<MatchList> {
    return this.scoreBatchSync(posts, threshold, into, tally, part);
  }

  scoreBatchSync(posts: readonly ArrayLike<number>[], threshold: number, into?: MatchList, tally?: PairTally, part?: ScanPart): MatchList {
    const rows = packPosts(posts, this.dims);
    return this.scoreRows(rows, posts.length, threshold, into, tally, part);
  }

  /** Scores already-packed unit rows (see packPosts). */
  scoreRows(rows: Float32Array, count: number, threshold: number, into?: MatchList, tally?: PairTally, part?: ScanPart): MatchList {
    const { maxBatch, dims } = this.matrix.layout;
    const out = into ? into.reuse(0) : new MatchList();
    const slots: SlotMatches = emptySlotMatches();
    const span = this.matrix.slotSpan;
    if (tally && this.accumulator.length < span * TALLY_PER_SLOT) this.accumulator = new Float64Array(Math.max(span * TALLY_PER_SLOT, this.accumulator.length * 2));
    const floors = tally && { floors: new Float32Array(this.matrix.floorsBuffer), accumulator: this.accumulator };
    const blocks = this.matrix.blocksOf(part);
    for (let start = 0; start < count; start += maxBatch) {
      const n = Math.min(maxBatch, count - start);
      slots.length = 0;
      if (blocks.start < blocks.end) this.scan.scan(rows.subarray(start * dims, (start + n) * dims), n, threshold, blocks.start, blocks.end, slots, floors);
      for (let i = 0; i < slots.length; i++) out.push(slots.post[i] + start, this.matrix.idOfSlot(slots.slot[i]), slots.score[i]);
    }
    if (tally) collectTallies([this.accumulator], span, (slot) => this.matrix.idOfSlot(slot), tally);
    return out;
  }

  exactScores(post: ArrayLike<number>, ids: ArrayLike<number>): Float32Array {
    return this.matrix.exactScores(post, ids);
  }

  async close(): Promise<void> {}
}
