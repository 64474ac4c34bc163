// Worker-thread side of the ingest pool: runs ingest() for each message and answers with the result
// or the error's name and message (an Error does not cross threads with its class).
import { parentPort } from 'node:worker_threads';
import { ingest, type IngestInput } from './ingest.ts';

parentPort?.on('message', ({ id, input }: { id: number; input: IngestInput }) => {
  try {
    parentPort?.postMessage({ id, result: ingest(input) });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort?.postMessage({ id, error: { name: e.name, message: e.message } });
  }
});
