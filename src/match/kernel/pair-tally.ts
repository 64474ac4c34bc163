// Pairs a caller needs counted, not listed. The matcher's calibration must see every pair down
// to 2 SDs under its threshold (the interest's on-topic posts leave its off-topic moments), but
// of the ~7,000 such pairs per post at 300k interests (the null's own tail: 2.3% of all pairs)
// it keeps only a few hundred; what it needs of the rest is, per interest, how many there were
// and the first two moments of their cosines. Listing them cost the main thread more than the
// whole scan (sorting them into rows, scoring and folding each one); tallying them where the
// kernel writes them out costs a comparison and three additions, in the scanning thread.
//
// Per interest, two floors (DenseScorer.setReportFloors): pairs at or above `report` are listed
// as always; pairs in [tally, report) are tallied (count, Σd, Σd² with d = cosine − tally);
// pairs under `tally` are dropped. Both floors are float32 and compared with the exact float32
// cosine, so a caller that computes a pair's cosine itself (exactScores, bit for bit what a
// scan reports) knows whether the scan tallied it (`wasTallied`) and can take it back out.

/** Per interest (by id): the tallied pairs of one scoreBatch call. */
export class PairTally {
  id = new Float64Array(0);
  count = new Float64Array(0);
  /** Σ (cosine − tally floor) and Σ (cosine − tally floor)², float64. */
  sum = new Float64Array(0);
  sumSquares = new Float64Array(0);
  length = 0;

  clear(): this {
    this.length = 0;
    return this;
  }

  push(id: number, count: number, sum: number, sumSquares: number): void {
    if (this.length === this.id.length) this.grow(this.length * 2 + 64);
    const i = this.length++;
    this.id[i] = id; this.count[i] = count; this.sum[i] = sum; this.sumSquares[i] = sumSquares;
  }

  /** Pairs tallied in all. */
  get pairs(): number {
    let n = 0;
    for (let i = 0; i < this.length; i++) n += this.count[i];
    return n;
  }

  private grow(capacity: number): void {
    const grow = (a: Float64Array) => { const b = new Float64Array(capacity); b.set(a.subarray(0, this.length)); return b; };
    this.id = grow(this.id); this.count = grow(this.count); this.sum = grow(this.sum); this.sumSquares = grow(this.sumSquares);
  }
}

/** Floats per slot in a floors array: [report, tally]. */
export const FLOORS_PER_SLOT = 2;
/** Floats per slot in a tally accumulator: [count, Σd, Σd²]. */
export const TALLY_PER_SLOT = 3;

/** What a scan does with one pair it found (cosine ≥ the kernel's threshold) when floors apply:
 *  list it (true), or tally it into `acc` (or drop it) and return false. */
export function listOrTally(floors: Float32Array, acc: Float64Array, slot: number, cosine: number): boolean {
  const report = floors[slot * FLOORS_PER_SLOT];
  if (cosine >= report) return true;
  const tally = floors[slot * FLOORS_PER_SLOT + 1];
  if (cosine >= tally) {
    const d = cosine - tally, at = slot * TALLY_PER_SLOT;
    acc[at]++;
    acc[at + 1] += d;
    acc[at + 2] += d * d;
  }
  return false;
}

/** Whether a scan with these floors tallied a pair of this exact float32 cosine (given that the
 *  kernel's own threshold let it through, which a tally floor at or above it guarantees). */
export function wasTallied(report: number, tally: number, cosine: number): boolean {
  return cosine < report && cosine >= tally;
}

/** Moves the accumulators of slots [0, slots) into `out` (by id), zeroing them for the next scan. */
export function collectTallies(accumulators: readonly Float64Array[], slots: number, idOfSlot: (slot: number) => number, out: PairTally): PairTally {
  out.clear();
  for (let slot = 0; slot < slots; slot++) {
    const at = slot * TALLY_PER_SLOT;
    let count = 0, sum = 0, squares = 0;
    for (const acc of accumulators) {
      if (acc.length <= at || acc[at] === 0) continue;
      count += acc[at]; sum += acc[at + 1]; squares += acc[at + 2];
      acc[at] = 0; acc[at + 1] = 0; acc[at + 2] = 0;
    }
    if (count > 0) out.push(idOfSlot(slot), count, sum, squares);
  }
  return out;
}
