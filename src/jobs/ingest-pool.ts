// Runs ingest() (parse + clean: the CPU-heavy part of a refresh) on worker threads, so one core can
// fetch and write while the others parse and clean. A pool of size 0 runs it inline.
import { Worker } from 'node:worker_threads';
import { ingest, type IngestInput, type IngestResult } from './ingest.ts';

export interface IngestPool {
  run(input: IngestInput): Promise<IngestResult>;
  close(): Promise<void>;
}

/** An error from a worker, re-created on this side with the original name and message. */
export class IngestError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export function createIngestPool(size: number): IngestPool {
  if (size <= 0) return { run: async (input) => ingest(input), close: async () => {} };
  const workers = Array.from({ length: size }, () => startWorker());
  let next = 0;
  return {
    run(input) {
      // Round-robin: ingest costs are similar per feed, and each worker queues its own messages.
      const worker = workers[next++ % workers.length];
      return worker.run(input);
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

function startWorker() {
  const worker = new Worker(new URL('./ingest-worker.ts', import.meta.url));
  const pending = new Map<number, { resolve: (r: IngestResult) => void; reject: (e: Error) => void }>();
  let ids = 0;
  worker.on('message', (msg: { id: number; result?: IngestResult; error?: { name: string; message: string } }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error) p.reject(new IngestError(msg.error.name, msg.error.message));
    else p.resolve(msg.result as IngestResult);
  });
  // A worker that dies (a crash, out of memory) fails what it held; later feeds are ingested inline.
  let dead = false;
  const fail = (err: Error) => {
    dead = true;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`ingest worker exited with code ${code}`)));
  // Idle workers must not keep the process alive.
  worker.unref();
  return {
    run(input: IngestInput): Promise<IngestResult> {
      if (dead) return Promise.resolve().then(() => ingest(input));
      return new Promise((resolve, reject) => {
        const id = ids++;
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, input });
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      }) as Promise<IngestResult>;
    },
    async close() {
      dead = true;
      await worker.terminate();
    },
  };
}
