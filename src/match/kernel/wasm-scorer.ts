// The dense scorer on the WebAssembly kernel, in the calling thread. For several threads
// see ParallelDenseScorer (same matrix, scanned in slices by workers).
import { InterestMatrix, type InterestMatrixOptions } from './interest-matrix.ts';
import { DenseScan, emptySlotMatches, type SlotMatches } from './dense-scan.ts';
import { MatchList } from './match-list.ts';
import type { DenseScorer } from './dense-scorer.ts';
import { packPosts } from './post-batch.ts';

export class WasmDenseScorer implements DenseScorer {
  readonly matrix: InterestMatrix;
  private readonly scan: DenseScan;

  /** A scorer over its own matrix, or over an existing one through scan region `region`. */
  constructor(dims: number, options?: InterestMatrixOptions);
  constructor(matrix: InterestMatrix, region: number);
  constructor(dimsOrMatrix: number | InterestMatrix, optionsOrRegion: InterestMatrixOptions | number = {}) {
    if (typeof dimsOrMatrix === 'number') {
      this.matrix = new InterestMatrix(dimsOrMatrix, { ...(optionsOrRegion as InterestMatrixOptions), regions: 1 });
      this.scan = new DenseScan(this.matrix.shared(), 0);
    } else {
      this.matrix = dimsOrMatrix;
      this.scan = new DenseScan(this.matrix.shared(), optionsOrRegion as number);
    }
  }

  get dims(): number { return this.matrix.dims; }
  get size(): number { return this.matrix.size; }
  has(id: number): boolean { return this.matrix.has(id); }
  add(id: number, vector: ArrayLike<number>, threshold?: number): void { this.matrix.add(id, vector, threshold); }
  update(id: number, vector: ArrayLike<number>, threshold?: number): void { this.matrix.update(id, vector, threshold); }
  setThreshold(id: number, threshold: number): void { this.matrix.setThreshold(id, threshold); }
  remove(id: number): void { this.matrix.remove(id); }
  compact(): number { return this.matrix.compact(); }

  async scoreBatch(posts: readonly ArrayLike<number>[], threshold: number, into?: MatchList): Promise<MatchList> {
    return this.scoreBatchSync(posts, threshold, into);
  }

  scoreBatchSync(posts: readonly ArrayLike<number>[], threshold: number, into?: MatchList): MatchList {
    const rows = packPosts(posts, this.dims);
    return this.scoreRows(rows, posts.length, threshold, into);
  }

  /** Scores already-packed unit rows (see packPosts). */
  scoreRows(rows: Float32Array, count: number, threshold: number, into?: MatchList): MatchList {
    const { maxBatch, dims } = this.matrix.layout;
    const out = into ? into.reuse(0) : new MatchList();
    const slots: SlotMatches = emptySlotMatches();
    for (let start = 0; start < count; start += maxBatch) {
      const n = Math.min(maxBatch, count - start);
      slots.length = 0;
      this.scan.scan(rows.subarray(start * dims, (start + n) * dims), n, threshold, 0, this.matrix.blockCount, slots);
      for (let i = 0; i < slots.length; i++) out.push(slots.post[i] + start, this.matrix.idOfSlot(slots.slot[i]), slots.score[i]);
    }
    return out;
  }

  exactScores(post: ArrayLike<number>, ids: ArrayLike<number>): Float32Array {
    return this.matrix.exactScores(packPosts([post], this.dims), ids);
  }

  async close(): Promise<void> {}
}
