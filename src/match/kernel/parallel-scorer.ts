// The dense scorer across worker threads: the interest matrix sits once in shared
// WebAssembly memory and N workers scan it, claiming ranges of blocks as they go
// (DESIGN.md: two workers gave 1.9–2.1× on this 2-core machine). The main thread only
// packs posts, maps slots to interest ids and merges.
//
// Changes to interests made while a scan is running are queued and applied when it ends:
// a worker must never see a slot rewritten (or reused by another interest) mid-scan.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DimensionMismatchError, InterestMatrix, UnknownInterestError, unitVector, type InterestMatrixOptions } from './interest-matrix.ts';
import { MatchList } from './match-list.ts';
import { collectTallies, TALLY_PER_SLOT, type PairTally } from './pair-tally.ts';
import type { DenseScorer } from './dense-scorer.ts';
import { packPosts } from './post-batch.ts';
import { replyViews } from './scan-reply.ts';
import type { ScanPart } from './scan-part.ts';
import type { ScanWorkerData, ScanWorkerReply, ScanWorkerRequest } from './scan-worker.ts';
import { fasterKernelForm } from './kernel-choice.ts';
import type { KernelForm } from './kernel-form.ts';

export class ScanWorkerError extends Error {
  readonly worker: number;
  constructor(worker: number, detail: string, options?: { cause?: unknown }) {
    super(`dense scan worker ${worker} failed: ${detail}`, options);
    this.name = 'ScanWorkerError';
    this.worker = worker;
  }
}

export interface ParallelDenseScorerOptions extends InterestMatrixOptions {
  /** Worker threads (default: available cores, at most 8). */
  workers?: number;
  /**
   * Scan regions beyond the workers' (numbered from `workers` up), for scanning the same
   * matrix from the calling thread too (new WasmDenseScorer(scorer.matrix, region)).
   */
  spareRegions?: number;
  /** The kernel's form (kernel-form.ts; default: the faster one here, kernel-choice.ts). */
  kernelForm?: KernelForm;
}

interface Pending {
  resolve: (reply: ScanWorkerReply) => void;
  reject: (error: Error) => void;
}

export class ParallelDenseScorer implements DenseScorer {
  readonly matrix: InterestMatrix;
  readonly workerCount: number;
  private readonly workers: Worker[] = [];
  private readonly pending: Map<number, Pending>[] = [];
  private nextRequest = 1;
  private scansInFlight = 0;
  private readonly deferred: (() => void)[] = [];
  private rowsBuffer = new SharedArrayBuffer(0);
  /** Per worker: its per-slot tally accumulator (pair-tally.ts), kept zero between scans. */
  private tallyBuffers: SharedArrayBuffer[] = [];
  private tallying = false;
  /** Per worker: the buffer its last reply came in, given back for the next (scan-worker.ts). */
  private outputs: (SharedArrayBuffer | undefined)[] = [];
  /** Why a worker stopped, once one has: the scorer then refuses to scan (results would miss a slice). */
  private failure: ScanWorkerError | undefined;

  constructor(dims: number, options: ParallelDenseScorerOptions = {}) {
    this.workerCount = Math.max(1, Math.min(options.workers ?? availableParallelism(), 8));
    this.matrix = new InterestMatrix(dims, { ...options, regions: this.workerCount + (options.spareRegions ?? 0) });
    const shared = this.matrix.shared();
    const kernelForm = options.kernelForm ?? fasterKernelForm();
    for (let w = 0; w < this.workerCount; w++) {
      const data: ScanWorkerData = { matrix: shared, region: w, kernelForm };
      const worker = new Worker(new URL('./scan-worker.ts', import.meta.url), { workerData: data });
      const pending = new Map<number, Pending>();
      worker.on('message', (reply: ScanWorkerReply) => {
        const waiter = pending.get(reply.id);
        pending.delete(reply.id);
        if (!waiter) return;
        if (reply.error) waiter.reject(new ScanWorkerError(w, reply.error));
        else waiter.resolve(reply);
      });
      const fail = (error: ScanWorkerError) => {
        this.failure ??= error;
        for (const waiter of pending.values()) waiter.reject(error);
        pending.clear();
      };
      worker.on('error', (error) => fail(new ScanWorkerError(w, error.message, { cause: error })));
      worker.on('exit', (code) => fail(new ScanWorkerError(w, `exited with code ${code}`)));
      worker.unref();
      this.workers.push(worker);
      this.pending.push(pending);
    }
  }

  get dims(): number { return this.matrix.dims; }
  get size(): number { return this.matrix.size; }
  has(id: number): boolean { return this.matrix.has(id); }

  add(id: number, vector: ArrayLike<number>, threshold?: number): void {
    const copy = this.checked('ParallelDenseScorer.add', id, vector, threshold);
    // Validated now, so a deferred change cannot fail later inside a scan's completion.
    this.whenIdle(() => this.matrix.add(id, copy, threshold));
  }

  update(id: number, vector: ArrayLike<number>, threshold?: number): void {
    if (!this.matrix.has(id) && this.scansInFlight === 0) throw new UnknownInterestError('ParallelDenseScorer.update', id);
    const copy = this.checked('ParallelDenseScorer.update', id, vector, threshold);
    // add() replaces an existing row: also right if a deferred remove() came first.
    this.whenIdle(() => this.matrix.add(id, copy, threshold));
  }

  setThreshold(id: number, threshold: number): void {
    if (this.scansInFlight === 0) { this.matrix.setThreshold(id, threshold); return; } // it checks both
    if (!this.matrix.has(id)) throw new UnknownInterestError('ParallelDenseScorer.setThreshold', id);
    if (Number.isNaN(threshold)) throw new RangeError('ParallelDenseScorer.setThreshold: threshold is NaN');
    // Deferred like every change: a removed id stays unknown, so only a live row is touched.
    this.deferred.push(() => { if (this.matrix.has(id)) this.matrix.setThreshold(id, threshold); });
  }

  setReportFloors(id: number, report: number, tally: number): void {
    // Called for every interest before each scan: straight to the matrix when idle (it checks
    // the id and the floors; no Map lookup or closure per call here).
    if (this.scansInFlight === 0) { this.matrix.setReportFloors(id, report, tally); return; }
    if (!this.matrix.has(id)) throw new UnknownInterestError('ParallelDenseScorer.setReportFloors', id);
    if (Number.isNaN(report) || Number.isNaN(tally)) throw new RangeError('ParallelDenseScorer.setReportFloors: floor is NaN');
    this.deferred.push(() => { if (this.matrix.has(id)) this.matrix.setReportFloors(id, report, tally); });
  }

  remove(id: number): void {
    this.whenIdle(() => { this.matrix.remove(id); });
  }

  compact(): void {
    this.whenIdle(() => { this.matrix.compact(); });
  }

  split(parts: number): ScanPart[] { return this.matrix.split(parts); }
  partOf(id: number, parts: readonly ScanPart[]): number { return this.matrix.partOf(id, parts); }

  async scoreBatch(posts: readonly ArrayLike<number>[], threshold: number, into?: MatchList, tally?: PairTally, part?: ScanPart): Promise<MatchList> {
    const dims = this.dims;
    const bytes = posts.length * dims * 4;
    // One shared buffer for the posts; reused while no other scan may still read it.
    const rowsBuffer = this.scansInFlight === 0 && this.rowsBuffer.byteLength >= bytes ? this.rowsBuffer : new SharedArrayBuffer(Math.max(bytes, 4));
    if (this.scansInFlight === 0) this.rowsBuffer = rowsBuffer;
    packPosts(posts, dims, new Float32Array(rowsBuffer, 0, posts.length * dims));
    return this.scanRows(rowsBuffer, posts.length, threshold, into, tally, part);
  }

  private async scanRows(rows: SharedArrayBuffer, count: number, threshold: number, into?: MatchList, tally?: PairTally, part?: ScanPart): Promise<MatchList> {
    const { start: blockStart, end: blocks } = this.matrix.blocksOf(part);
    if (this.failure) throw this.failure;
    tally?.clear();
    if (count === 0 || blockStart >= blocks) return into ? into.reuse(0) : new MatchList(0);
    // The slot range is fixed while the scan runs (changes wait for it), so are the buffers.
    const slots = this.matrix.slotSpan;
    // Each worker tallies into its own buffer, kept (zeroed) between scans; a second tallying
    // scan while one runs gets buffers of its own.
    let accumulators: SharedArrayBuffer[] = [];
    const ownBuffers = !!tally && this.tallying;
    if (tally) {
      const bytes = slots * TALLY_PER_SLOT * 8;
      if (ownBuffers) accumulators = this.workers.map(() => new SharedArrayBuffer(bytes));
      else {
        for (let w = 0; w < this.workers.length; w++) {
          if ((this.tallyBuffers[w]?.byteLength ?? 0) < bytes) this.tallyBuffers[w] = new SharedArrayBuffer(Math.max(bytes, (this.tallyBuffers[w]?.byteLength ?? 0) * 2));
        }
        accumulators = this.tallyBuffers;
        this.tallying = true;
      }
    }
    const floors = this.matrix.floorsBuffer;
    // Idle workers are unref'd (they must not keep the process alive); a scan in flight must.
    if (this.scansInFlight++ === 0) for (const worker of this.workers) worker.ref();
    try {
      // Every worker gets the whole request and claims block ranges per batch (scan-worker.ts).
      const cursors = new SharedArrayBuffer(4 * Math.ceil(count / this.matrix.layout.maxBatch));
      new Int32Array(cursors).fill(blockStart);
      const replies = await Promise.all(this.workers.map((worker, w) => {
        const id = this.nextRequest++;
        // A second scan while one runs writes into buffers of its own.
        const output = this.scansInFlight === 1 ? this.outputs[w] : undefined;
        const request: ScanWorkerRequest = { id, rows, count, threshold, blockEnd: blocks, cursors, tally: tally && { floors, accumulator: accumulators[w] }, output };
        return new Promise<ScanWorkerReply>((resolve, reject) => {
          this.pending[w].set(id, { resolve, reject });
          worker.postMessage(request);
        });
      }));
      const total = replies.reduce((n, r) => n + r.length, 0);
      const merged = into ? into.reuse(total) : new MatchList(total);
      replies.forEach((reply, w) => {
        const { post, slot, score } = replyViews(reply.output);
        merged.post.set(post.subarray(0, reply.length), merged.length);
        merged.score.set(score.subarray(0, reply.length), merged.length);
        for (let i = 0; i < reply.length; i++) merged.interest[merged.length + i] = this.matrix.idOfSlot(slot[i]);
        merged.length += reply.length;
        if (this.scansInFlight === 1) this.outputs[w] = reply.output;
      });
      if (tally) collectTallies(accumulators.map((b) => new Float64Array(b)), slots, (slot) => this.matrix.idOfSlot(slot), tally);
      return merged;
    } finally {
      if (tally && !ownBuffers) this.tallying = false;
      if (--this.scansInFlight === 0) {
        for (const worker of this.workers) worker.unref();
        for (const change of this.deferred.splice(0)) change();
      }
    }
  }

  /** Reads rows in place: safe during scans, since changes wait for scans to end. */
  exactScores(post: ArrayLike<number>, ids: ArrayLike<number>): Float32Array {
    return this.matrix.exactScores(post, ids);
  }

  async close(): Promise<void> {
    this.failure ??= new ScanWorkerError(-1, 'scorer closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private checked(what: string, id: number, vector: ArrayLike<number>, threshold?: number): Float32Array {
    if (!Number.isSafeInteger(id)) throw new RangeError(`${what}: id must be a safe integer, got ${id}`);
    if (vector.length !== this.dims) throw new DimensionMismatchError(what, this.dims, vector.length);
    if (threshold !== undefined && Number.isNaN(threshold)) throw new RangeError(`${what}: threshold is NaN`);
    unitVector(vector); // throws on NaN / Infinity
    return Float32Array.from(vector);
  }

  private whenIdle(change: () => void): void {
    if (this.scansInFlight === 0) change();
    else this.deferred.push(change);
  }
}

