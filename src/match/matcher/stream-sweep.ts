// The interests' stream cosine moments (the mean and spread of cos(interest, post) over the
// stream, in closed form from its mean and scatter: VectorMoments.cosineMomentsBlock) kept within
// STREAM_REFRESH_GROWTH of the stream: a sweep over the rows, a slice per batch, most of it
// computed ahead while the workers scan the batch before (README.md, "Per-batch refreshes").
// The matcher owns the stream and the rows; this holds the sweep's place and what it staged.

import type { CalibrationTable } from './calibration-table.ts';
import { FORM_BLOCK, VectorMoments } from './vector-moments.ts';

/** An interest's closed-form stream cosine moments are recomputed (O(dims²)) once the stream
 *  grew by this factor since the last time: they move slowly, and 300k interests × dims² per
 *  batch would cost more than the scan. The staleness a batch may score with; refresh() keeps
 *  every row within it by a sweep over the rows, a slice per batch (#sweepBudget), so the rows
 *  do not all come due in the same batch (~0.6 s of main-thread CPU at 300k). */
export const STREAM_REFRESH_GROWTH = 1.05;

/** What the sweep needs of a row's interest: the vector its moments are of. */
export interface SweptInterest {
  readonly vector: Float32Array;
}

/** What a slot of #ahead.vector holds once cleared (no reference kept to a replaced vector). */
const EMPTY_VECTOR = new Float32Array(0);

export class StreamSweep {
  readonly #table: CalibrationTable;
  /** The stream as it will be once the batch being scored is in it: built while the workers scan
   *  (stageAhead), the next batch's sweep computed on it, and copied into the matcher's stream
   *  when the batch is done. */
  readonly next: VectorMoments;
  /** Rows whose stream moments are recomputed together (#queue: FORM_BLOCK per call of the
   *  form), their vectors, and cosineMomentsBlock's output. */
  readonly #block = new Int32Array(FORM_BLOCK);
  #blockSize = 0;
  readonly #blockVectors: Float32Array[] = Array.from({ length: FORM_BLOCK }, () => new Float32Array(0));
  readonly #blockMoments = new Float64Array(2 * FORM_BLOCK);
  /** The sweep (refresh): the row it goes on from, and the stream's size at its last step (−1:
   *  none yet). */
  #sweepRow = 0;
  #sweptAt = -1;
  /** The next batch's sweep, computed ahead (stageAhead): the stream it is for (`n`: the size
   *  the stream will have; −1: nothing staged), the rows staged (each with the vector it was
   *  computed for, and its moments), by row in `at` (index + 1; 0: not staged), the rows still
   *  to stage and where the staging walk goes on. The next batch's sweep takes a row's staged
   *  moments when it picks that row, at that stream, with that vector. */
  #ahead = { n: -1, count: 0, budget: 0, cursor: 0, row: new Int32Array(1024), vector: [] as Float32Array[], mean: new Float64Array(1024), m2: new Float64Array(1024), at: new Int32Array(0) };

  constructor(table: CalibrationTable, dims: number) {
    this.#table = table;
    this.next = new VectorMoments(dims);
  }

  /** Whether the row's stream moments are older than STREAM_REFRESH_GROWTH allows on `stream`
   *  (or were never computed). */
  stale(row: number, stream: VectorMoments): boolean {
    const n = stream.n, at = this.#table.streamAt(row);
    return at < 0 || (n > at * STREAM_REFRESH_GROWTH && n > at);
  }

  /** Every live row's stream moments within STREAM_REFRESH_GROWTH of `stream` now, spread
   *  over the batches: a sweep over the rows in row order (oldest moments first, once the rows
   *  have been through it) recomputes #sweepBudget rows a batch, the pace at which each row
   *  comes round again before it is due; then whatever is due all the same (new rows, a stream
   *  that grew faster than the pace) is recomputed now. FORM_BLOCK rows per pass of the form.
   *  What the sweep picks was mostly computed in the batch before (stageAhead). `live`: the
   *  rows in use. */
  refresh(rows: readonly (SweptInterest | undefined)[], live: number, stream: VectorMoments): void {
    const table = this.#table, n = stream.n, count = rows.length, ahead = this.#ahead;
    const staged = ahead.n === n; // the last batch staged this sweep (stageAhead)
    let budget = this.#sweepBudget(n, live);
    for (let seen = 0; budget > 0 && seen < count; seen++) {
      const row = this.#sweepRow;
      this.#sweepRow = row + 1 < count ? row + 1 : 0;
      const entry = rows[row];
      // Already at this stream (its first moments, a back-score since the last batch): not again.
      if (entry === undefined || table.streamAt(row) === n) continue;
      const k = staged && row < ahead.at.length ? ahead.at[row] - 1 : -1;
      if (k >= 0 && ahead.vector[k] === entry.vector) table.setStreamMoments(row, n, ahead.mean[k], ahead.m2[k]);
      else this.#queue(row, entry.vector, stream);
      budget--;
    }
    this.#clearStaged();
    for (let row = 0; row < count; row++) {
      const entry = rows[row];
      if (entry !== undefined && this.stale(row, stream) && !this.#queued(row)) this.#queue(row, entry.vector, stream);
    }
    this.#flush(stream);
  }

  /** While the workers scan (Matcher's #scorePosts): the stream as it will be after this batch
   *  (`next`, at the first call: `stream` with the batch's `posts`), and on it the stream
   *  moments of the rows the next batch's sweep will pick (refresh), 1/`slices` of them per
   *  call: that sweep, at the start of the next batch, ran with the workers idle (~70 µs a post
   *  at 300k interests on a day-old stream); now it takes what was staged here, the same numbers
   *  (the same stream, the same vectors), and computes only what it picks that was not staged or
   *  has changed since (a row edited or learned from in between: its vector is another). Split
   *  batches stage in the windows after part 0: the window of part 0's scan is already the main
   *  thread's longest (IDF, lexical hits); in it, the sweep only kept the workers waiting (no
   *  gain, /tmp driver, 2026-12-06). A batch that fails leaves nothing: its stream never comes. */
  stageAhead(rows: readonly (SweptInterest | undefined)[], live: number, stream: VectorMoments, posts: readonly { vector: Float32Array }[], slices: number): void {
    const next = this.next, ahead = this.#ahead, count = rows.length;
    if (!this.stagedFor(stream, posts.length)) {
      next.copyFrom(stream);
      for (const p of posts) next.add(p.vector);
      this.#clearStaged();
      ahead.n = next.n;
      ahead.cursor = this.#sweepRow;
      // What the next batch's sweep will take (#sweepBudget then: the stream will have grown
      // by this batch since this batch's sweep).
      ahead.budget = this.#sweptAt < 0 ? 0 : this.#lapBudget(next.n, next.n - this.#sweptAt, live);
      if (ahead.at.length < count) ahead.at = new Int32Array(Math.max(count, ahead.at.length * 2));
      this.#fitStaged(ahead.budget);
    }
    let budget = Math.ceil(ahead.budget / slices);
    ahead.budget -= budget;
    for (let seen = 0; budget > 0 && seen < count; seen++) {
      const row = ahead.cursor;
      ahead.cursor = row + 1 < count ? row + 1 : 0;
      const entry = rows[row];
      if (entry === undefined || ahead.at[row] !== 0) continue;
      ahead.at[row] = -1; // queued: its index once the pass is done
      this.#queue(row, entry.vector, next, true);
      budget--;
    }
    this.#flush(next, true);
  }

  /** Whether stageAhead has begun for the batch of `size` posts being scored on `stream` (`next`
   *  is that stream with it). */
  stagedFor(stream: VectorMoments, size: number): boolean {
    return this.#ahead.n === stream.n + size;
  }

  /** Nothing staged ahead any more (the next batch's sweep took what it could). */
  #clearStaged(): void {
    const ahead = this.#ahead;
    for (let k = 0; k < ahead.count; k++) { ahead.at[ahead.row[k]] = 0; ahead.vector[k] = EMPTY_VECTOR; }
    ahead.count = 0;
    ahead.n = -1;
  }

  /** Room for `size` more rows staged ahead. */
  #fitStaged(size: number): void {
    const ahead = this.#ahead, need = ahead.count + size;
    if (ahead.row.length >= need) return;
    const capacity = Math.max(need, ahead.row.length * 2);
    const row = new Int32Array(capacity);
    row.set(ahead.row);
    ahead.row = row;
    for (const key of ['mean', 'm2'] as const) {
      const grown = new Float64Array(capacity);
      grown.set(ahead[key]);
      ahead[key] = grown;
    }
  }

  /** Rows the sweep recomputes this batch: all of them over L batches, L the batches (of the
   *  size the stream last grew by) a row's moments stay within STREAM_REFRESH_GROWTH: a row
   *  swept at the start of a batch scores L batches with them (L = 1 while a batch is more than
   *  5% of the stream, 6 batches of 256 at a day of posts, 29k). The growth a lap may take is
   *  counted from the stream at its start: lap ≤ 0.05·(n − lap). 0 until the stream grows. */
  #sweepBudget(n: number, live: number): number {
    const grown = this.#sweptAt < 0 ? 0 : n - this.#sweptAt;
    this.#sweptAt = n;
    return this.#lapBudget(n, grown, live);
  }

  /** #sweepBudget's rows for a stream of n that grew by `grown` since the last batch. */
  #lapBudget(n: number, grown: number, live: number): number {
    if (grown <= 0) return 0;
    const batches = Math.floor(((STREAM_REFRESH_GROWTH - 1) * n) / STREAM_REFRESH_GROWTH / grown) + 1;
    return Math.ceil(live / batches);
  }

  #queued(row: number): boolean {
    for (let k = 0; k < this.#blockSize; k++) if (this.#block[k] === row) return true;
    return false;
  }

  /** The row's stream moments on `moments` into the next pass of the form (#flush). */
  #queue(row: number, vector: Float32Array, moments: VectorMoments, ahead = false): void {
    const k = this.#blockSize++;
    this.#block[k] = row;
    this.#blockVectors[k] = vector;
    if (k + 1 === FORM_BLOCK) this.#flush(moments, ahead);
  }

  /** The queued rows' moments on `moments`: into the table, or staged (#ahead) ahead of the
   *  batch that brings that stream. */
  #flush(moments: VectorMoments, ahead = false): void {
    const block = this.#block, count = this.#blockSize;
    if (count === 0) return;
    const out = this.#blockMoments, n = moments.n;
    moments.cosineMomentsBlock(this.#blockVectors, count, out);
    if (ahead) {
      const staged = this.#ahead;
      for (let k = 0; k < count; k++) {
        const at = staged.count++;
        staged.row[at] = block[k]; staged.vector[at] = this.#blockVectors[k];
        staged.mean[at] = out[FORM_BLOCK + k]; staged.m2[at] = out[k];
        staged.at[block[k]] = at + 1;
      }
      this.#blockSize = 0;
      return;
    }
    for (let k = 0; k < count; k++) this.#table.setStreamMoments(block[k], n, out[FORM_BLOCK + k], out[k]);
    this.#blockSize = 0;
  }
}
