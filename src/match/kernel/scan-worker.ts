// A scan worker: owns one scan region of the shared matrix and scores the batches it is
// sent against its slice of blocks. The matrix memory is shared, so growth and edits made
// by the main thread (between scans) are simply there.
import { parentPort, workerData } from 'node:worker_threads';
import { DenseScan, emptySlotMatches } from './dense-scan.ts';
import type { SharedMatrix } from './interest-matrix.ts';

export interface ScanWorkerRequest {
  id: number;
  /** Unit post rows, dims floats apart. */
  rows: SharedArrayBuffer;
  count: number;
  threshold: number;
  blockStart: number;
  blockEnd: number;
}

export interface ScanWorkerReply {
  id: number;
  post: Int32Array;
  slot: Int32Array;
  score: Float32Array;
  length: number;
  error?: string;
}

const { matrix, region } = workerData as { matrix: SharedMatrix; region: number };
const scan = new DenseScan(matrix, region);
const { maxBatch, dims } = matrix.layout;

parentPort!.on('message', (message: ScanWorkerRequest) => {
  const { id, count, threshold, blockStart, blockEnd } = message;
  const rows = new Float32Array(message.rows, 0, count * dims);
  const out = emptySlotMatches(1024);
  try {
    for (let start = 0; start < count; start += maxBatch) {
      const n = Math.min(maxBatch, count - start);
      const before = out.length;
      scan.scan(rows.subarray(start * dims, (start + n) * dims), n, threshold, blockStart, blockEnd, out);
      for (let i = before; i < out.length; i++) out.post[i] += start;
    }
    const reply: ScanWorkerReply = { id, post: out.post, slot: out.slot, score: out.score, length: out.length };
    parentPort!.postMessage(reply, [out.post.buffer as ArrayBuffer, out.slot.buffer as ArrayBuffer, out.score.buffer as ArrayBuffer]);
  } catch (error) {
    const reply: ScanWorkerReply = { id, post: new Int32Array(0), slot: new Int32Array(0), score: new Float32Array(0), length: 0, error: String((error as Error)?.stack ?? error) };
    parentPort!.postMessage(reply);
  }
});
