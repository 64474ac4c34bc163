// Worker side of isolated-parse.ts: parses each job with Sluice's parseFeed (or the module the caller
// names, so the isolation itself can be tested with a misbehaving parser) and reports, per job, a start
// message (so the main thread knows which document a hang or a crash belongs to) and the outcome.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type * as ParserModule from '../../src/parse/index.ts';
import type { FromWorker, ParseJob, ParseOutcome } from './isolated-parse.ts';

const { jobs, firstIndex, parserModule } = workerData as { jobs: ParseJob[]; firstIndex: number; parserModule: string };
const { NotAFeedError, parseFeed } = (await import(parserModule)) as typeof ParserModule;
const port = parentPort!;

for (let i = 0; i < jobs.length; i++) {
  const job = jobs[i];
  const index = firstIndex + i;
  const body = job.path !== undefined ? new Uint8Array(readFileSync(job.path)) : job.body!;
  port.postMessage({ type: 'start', index } satisfies FromWorker);
  const start = performance.now();
  let outcome: ParseOutcome;
  try {
    const feed = parseFeed(body, job.opts);
    const ms = performance.now() - start;
    const { value, chars } = measureStrings(feed, job.trimStringsOver ?? Infinity);
    outcome = { kind: 'parsed', ms, feed: value as typeof feed, outputChars: chars };
  } catch (error) {
    const ms = performance.now() - start;
    outcome =
      error instanceof NotAFeedError
        ? { kind: 'not-a-feed', ms, message: error.message }
        : { kind: 'threw', ms, error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error) };
  }
  port.postMessage({ type: 'done', index, outcome } satisfies FromWorker);
}

/** Counts every string character in the result and cuts strings longer than `limit` before they are copied back. */
function measureStrings(value: unknown, limit: number): { value: unknown; chars: number } {
  let chars = 0;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') {
      chars += v.length;
      return v.length > limit ? `${v.slice(0, limit)}…[${v.length - limit} more chars]` : v;
    }
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = visit(x);
      return out;
    }
    return v;
  };
  const out = visit(value);
  return { value: out, chars };
}
