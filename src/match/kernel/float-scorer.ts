// The plain-JS float32 dense scorer: the reference the WebAssembly kernel is checked
// against (same interface, same conformance suite) and the fallback where WebAssembly
// relaxed SIMD is unavailable. ~100× slower than the kernel at 300k interests (5×10⁶ vs
// 5.5×10⁸ pairs per CPU-second, bench/match.ts).
import { DimensionMismatchError, UnknownInterestError, unitVector } from './interest-matrix.ts';
import { MatchList } from './match-list.ts';
import type { DenseScorer } from './dense-scorer.ts';
import { packPosts } from './post-batch.ts';
import { exactDot } from './quantize.ts';
import { collectTallies, FLOORS_PER_SLOT, listOrTally, TALLY_PER_SLOT, type PairTally } from './pair-tally.ts';
import { equalParts, partIndex, type ScanPart } from './scan-part.ts';

export class FloatDenseScorer implements DenseScorer {
  readonly dims: number;
  private rows = new Float32Array(0);
  private thresholds = new Float32Array(0);
  /** Per slot [report, tally] (pair-tally.ts). */
  private floors = new Float32Array(0);
  private ids: number[] = [];
  private readonly slotOf = new Map<number, number>();

  constructor(dims: number) {
    this.dims = dims;
  }

  get size(): number { return this.ids.length; }
  has(id: number): boolean { return this.slotOf.has(id); }

  add(id: number, vector: ArrayLike<number>, threshold = -Infinity): void {
    if (this.slotOf.has(id)) return this.update(id, vector, threshold);
    if (vector.length !== this.dims) throw new DimensionMismatchError('FloatDenseScorer.add', this.dims, vector.length);
    unitVector(vector); // throws on NaN before anything changes
    if (Number.isNaN(threshold)) throw new RangeError('FloatDenseScorer.add: threshold is NaN');
    const slot = this.ids.length;
    if ((slot + 1) * this.dims > this.rows.length) {
      const rows = new Float32Array(Math.max(1024, (slot + 1) * 2) * this.dims);
      rows.set(this.rows);
      this.rows = rows;
      const thresholds = new Float32Array(rows.length / this.dims);
      thresholds.set(this.thresholds);
      this.thresholds = thresholds;
      const floors = new Float32Array(thresholds.length * FLOORS_PER_SLOT);
      floors.set(this.floors);
      this.floors = floors;
    }
    this.floors[slot * FLOORS_PER_SLOT] = -Infinity;
    this.floors[slot * FLOORS_PER_SLOT + 1] = Infinity;
    this.ids.push(id);
    this.slotOf.set(id, slot);
    this.write(slot, vector, threshold);
  }

  update(id: number, vector: ArrayLike<number>, threshold = -Infinity): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) throw new UnknownInterestError('FloatDenseScorer.update', id);
    if (vector.length !== this.dims) throw new DimensionMismatchError('FloatDenseScorer.update', this.dims, vector.length);
    this.write(slot, vector, threshold);
  }

  setThreshold(id: number, threshold: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) throw new UnknownInterestError('FloatDenseScorer.setThreshold', id);
    if (Number.isNaN(threshold)) throw new RangeError('FloatDenseScorer.setThreshold: threshold is NaN');
    this.thresholds[slot] = threshold;
  }

  setReportFloors(id: number, report: number, tally: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) throw new UnknownInterestError('FloatDenseScorer.setReportFloors', id);
    if (Number.isNaN(report) || Number.isNaN(tally)) throw new RangeError('FloatDenseScorer.setReportFloors: floor is NaN');
    this.floors[slot * FLOORS_PER_SLOT] = report;
    this.floors[slot * FLOORS_PER_SLOT + 1] = tally;
  }

  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    // Swap the last row into the hole: this scorer has no workers reading slots.
    const last = this.ids.length - 1;
    if (slot !== last) {
      this.rows.copyWithin(slot * this.dims, last * this.dims, (last + 1) * this.dims);
      this.thresholds[slot] = this.thresholds[last];
      this.floors.copyWithin(slot * FLOORS_PER_SLOT, last * FLOORS_PER_SLOT, (last + 1) * FLOORS_PER_SLOT);
      this.ids[slot] = this.ids[last];
      this.slotOf.set(this.ids[slot], slot);
    }
    this.ids.pop();
    this.slotOf.delete(id);
  }

  /** Parts by id (removal moves slots here; ids stay where they are). */
  split(parts: number): ScanPart[] {
    const ids = [...this.ids].sort((a, b) => a - b);
    return equalParts(ids.length, parts, (index) => ids[index] ?? Infinity);
  }

  partOf(id: number, parts: readonly ScanPart[]): number {
    return this.slotOf.has(id) ? partIndex(parts, id) : -1;
  }

  async scoreBatch(posts: readonly ArrayLike<number>[], threshold: number, into?: MatchList, tally?: PairTally, part?: ScanPart): Promise<MatchList> {
    return this.scoreBatchSync(posts, threshold, into, tally, part);
  }

  scoreBatchSync(posts: readonly ArrayLike<number>[], threshold: number, into?: MatchList, tally?: PairTally, part?: ScanPart): MatchList {
    const dims = this.dims;
    const postRows = packPosts(posts, dims);
    const out = into ? into.reuse(0) : new MatchList();
    const { rows, thresholds, ids, floors } = this;
    const accumulator = new Float64Array(tally ? ids.length * TALLY_PER_SLOT : 0);
    for (let slot = 0; slot < ids.length; slot++) {
      if (part && !(ids[slot] >= part.from && ids[slot] < part.to)) continue;
      // Thresholds are float32 everywhere (the kernel takes them as f32).
      const floor = Math.max(Math.fround(threshold), thresholds[slot]);
      const rowOffset = slot * dims;
      for (let p = 0; p < posts.length; p++) {
        const score = exactDot(rows, rowOffset, postRows, p * dims, dims);
        if (score >= floor && (!tally || listOrTally(floors, accumulator, slot, score))) out.push(p, ids[slot], score);
      }
    }
    if (tally) collectTallies([accumulator], ids.length, (slot) => ids[slot], tally);
    return out;
  }

  exactScores(post: ArrayLike<number>, ids: ArrayLike<number>): Float32Array {
    const unit = packPosts([post], this.dims);
    const out = new Float32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const slot = this.slotOf.get(ids[i]);
      out[i] = slot === undefined ? NaN : exactDot(this.rows, slot * this.dims, unit, 0, this.dims);
    }
    return out;
  }

  async close(): Promise<void> {}

  private write(slot: number, vector: ArrayLike<number>, threshold: number): void {
    if (Number.isNaN(threshold)) throw new RangeError('FloatDenseScorer: threshold is NaN');
    this.rows.set(unitVector(vector), slot * this.dims);
    this.thresholds[slot] = threshold;
  }
}
