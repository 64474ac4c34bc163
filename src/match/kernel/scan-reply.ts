// The buffer a scan worker writes its matches into (scan-worker.ts), read by the caller
// (parallel-scorer.ts): apart from the worker's module, whose top level runs the worker.

/** A reply buffer's matches: [post × capacity][slot × capacity][score × capacity], 12 bytes each.
 *  Shared and kept by the caller between scans: a new buffer per reply was ~5 MB of garbage a
 *  batch (1,024 posts at 300k interests), external memory that brought full collections. */
export function replyViews(output: SharedArrayBuffer): { post: Int32Array; slot: Int32Array; score: Float32Array; capacity: number } {
  const capacity = Math.floor(output.byteLength / 12);
  return { post: new Int32Array(output, 0, capacity), slot: new Int32Array(output, capacity * 4, capacity), score: new Float32Array(output, capacity * 8, capacity), capacity };
}
