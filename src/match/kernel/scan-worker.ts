// A scan worker: owns one scan region of the shared matrix. Every worker gets the same
// request; for each batch of posts the workers claim ranges of blocks from a shared atomic
// counter until none are left, so a worker slowed by other work on the machine simply
// claims fewer ranges (a fixed split would make every scan wait for the slowest worker).
// The matrix memory is shared, so growth and edits made between scans are simply there.
import { parentPort, workerData } from 'node:worker_threads';
import { DenseScan, denseKernelModule, emptySlotMatches } from './dense-scan.ts';
import { replyViews } from './scan-reply.ts';
import type { SharedMatrix } from './interest-matrix.ts';
import type { KernelForm } from './kernel-form.ts';

/** What a worker is started with. */
export interface ScanWorkerData {
  matrix: SharedMatrix;
  region: number;
  /** Chosen by the starting thread (kernel-choice.ts), so the workers need not time it again. */
  kernelForm: KernelForm;
}

export interface ScanWorkerRequest {
  id: number;
  /** Unit post rows, dims floats apart. */
  rows: SharedArrayBuffer;
  count: number;
  threshold: number;
  /** Blocks to scan: [the cursors' start, blockEnd). */
  blockEnd: number;
  /** Int32 per batch of maxBatch posts: the next unclaimed block (starts at the first block to scan). */
  cursors: SharedArrayBuffer;
  /** With a tally (pair-tally.ts): the matrix's per-slot floors, and this worker's own per-slot
   *  accumulator (zero on arrival; the caller collects and zeroes it). */
  tally?: { floors: SharedArrayBuffer; accumulator: SharedArrayBuffer };
  /** Where to write the matches (replyViews' layout), the caller's from an earlier reply; a
   *  reply that does not fit gets a larger one, sent back for next time. */
  output?: SharedArrayBuffer;
}

/** Blocks claimed at a time: one segment (4096 interests), ~1.5 ms of kernel work for 256 posts. */
export const CLAIM_BLOCKS = 256;

export interface ScanWorkerReply {
  id: number;
  /** The matches, in replyViews' layout: the request's output, or a larger one. */
  output: SharedArrayBuffer;
  length: number;
  error?: string;
}


const { matrix, region, kernelForm } = workerData as ScanWorkerData;
const scan = new DenseScan(matrix, region, denseKernelModule(kernelForm));
const { maxBatch, dims } = matrix.layout;
/** Kept between requests (grown as needed); each reply is copied into the caller's shared
 *  output buffer (scan-reply.ts): a fresh doubling list per request was garbage here, and new
 *  buffers per reply garbage in the receiving thread. */
const out = emptySlotMatches(1024);

parentPort!.on('message', (message: ScanWorkerRequest) => {
  const { id, count, threshold, blockEnd } = message;
  const rows = new Float32Array(message.rows, 0, count * dims);
  const cursors = new Int32Array(message.cursors);
  const tally = message.tally && { floors: new Float32Array(message.tally.floors), accumulator: new Float64Array(message.tally.accumulator) };
  out.length = 0;
  try {
    for (let start = 0, batch = 0; start < count; start += maxBatch, batch++) {
      const n = Math.min(maxBatch, count - start);
      const before = out.length;
      let loaded = false;
      for (;;) {
        const from = Atomics.add(cursors, batch, CLAIM_BLOCKS);
        if (from >= blockEnd) break;
        if (!loaded) { scan.load(rows.subarray(start * dims, (start + n) * dims), n); loaded = true; }
        scan.scanBlocks(threshold, from, Math.min(from + CLAIM_BLOCKS, blockEnd), out, tally);
      }
      for (let i = before; i < out.length; i++) out.post[i] += start;
    }
    const fits = message.output && message.output.byteLength >= out.length * 12;
    const output = fits ? message.output! : new SharedArrayBuffer(Math.ceil(out.length * 1.25 + 1024) * 12);
    const views = replyViews(output);
    views.post.set(out.post.subarray(0, out.length));
    views.slot.set(out.slot.subarray(0, out.length));
    views.score.set(out.score.subarray(0, out.length));
    const reply: ScanWorkerReply = { id, output, length: out.length };
    parentPort!.postMessage(reply);
  } catch (error) {
    const reply: ScanWorkerReply = { id, output: new SharedArrayBuffer(0), length: 0, error: String((error as Error)?.stack ?? error) };
    parentPort!.postMessage(reply);
  }
});
