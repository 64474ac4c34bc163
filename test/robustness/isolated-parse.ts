// Runs Sluice's parseFeed over many documents in a worker thread with a memory cap, watched from here:
// a parse that never returns (an infinite loop blocks the thread it runs on, so only another thread can
// notice) or that exhausts the heap is reported against its document, and the remaining documents go on
// in a fresh worker. The per-parse time is measured inside the worker, around parseFeed alone.
import { Worker } from 'node:worker_threads';
import type { ParsedFeed } from '../../src/parse/entry.ts';

export interface ParseJob {
  /** For messages. */
  name: string;
  /** Read by the worker, so big corpora are not copied between threads. */
  path?: string;
  body?: Uint8Array | string;
  opts: { url?: string; contentType?: string };
  /** Cut result strings longer than this before copying them back (for huge generated inputs). */
  trimStringsOver?: number;
  /** This job's own hang bound, instead of the limits' one. */
  hangAfterMs?: number;
}

export type ParseOutcome =
  | { kind: 'parsed'; ms: number; feed: ParsedFeed; /** characters in all strings of the result */ outputChars: number }
  | { kind: 'not-a-feed'; ms: number; message: string }
  | { kind: 'threw'; ms: number; error: string }
  | { kind: 'hung'; ms: number }
  | { kind: 'out-of-memory'; ms: number }
  | { kind: 'crashed'; ms: number; error: string };

export type FromWorker = { type: 'start'; index: number } | { type: 'done'; index: number; outcome: ParseOutcome };

export interface IsolationLimits {
  /** A parse still running after this long is declared hung and its worker terminated. */
  hangAfterMs: number;
  /** V8 old-generation cap of the worker (large strings count against it). */
  maxHeapMb: number;
  /** The module providing parseFeed and NotAFeedError; Sluice's parser unless a test says otherwise. */
  parserModule?: URL;
}

const workerUrl = new URL('./parse-worker.ts', import.meta.url);
const sluiceParser = new URL('../../src/parse/index.ts', import.meta.url);

export async function parseIsolated(jobs: ParseJob[], limits: IsolationLimits): Promise<ParseOutcome[]> {
  const outcomes: ParseOutcome[] = new Array(jobs.length);
  let next = 0;
  while (next < jobs.length) {
    const resumeAt = await runWorker(jobs, next, outcomes, limits);
    if (resumeAt === next) {
      // The worker ended without reporting on this job: count it and move on rather than retry forever.
      outcomes[next] = { kind: 'crashed', ms: 0, error: 'worker exited without reporting this document' };
      next++;
    } else {
      next = resumeAt;
    }
  }
  return outcomes;
}

/** Runs jobs from `first` on in one worker; returns the index to resume from (past a hung or crashed job). */
function runWorker(jobs: ParseJob[], first: number, outcomes: ParseOutcome[], limits: IsolationLimits): Promise<number> {
  // Bodies are copied, not transferred: after a hang the remaining jobs go to a fresh worker.
  const worker = new Worker(workerUrl, {
    workerData: { jobs: jobs.slice(first), firstIndex: first, parserModule: (limits.parserModule ?? sluiceParser).href },
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    stdout: false,
    stderr: false,
  });
  return new Promise((resolve) => {
    let current = -1;
    let startedAt = 0;
    let settled = false;
    const finish = (resumeAt: number) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      resolve(resumeAt);
    };
    const failCurrent = (outcome: ParseOutcome) => {
      if (current >= 0 && outcomes[current] === undefined) outcomes[current] = outcome;
      // Nothing started yet means the worker itself failed to load: every remaining job fails alike.
      if (current < 0) for (let i = first; i < jobs.length; i++) outcomes[i] = outcome;
      finish(current < 0 ? jobs.length : current + 1);
    };
    const watchdog = setInterval(() => {
      const bound = current >= 0 ? (jobs[current].hangAfterMs ?? limits.hangAfterMs) : Infinity;
      if (current >= 0 && outcomes[current] === undefined && performance.now() - startedAt > bound) {
        const ms = performance.now() - startedAt;
        void worker.terminate();
        failCurrent({ kind: 'hung', ms });
      }
    }, 50);
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'start') {
        current = message.index;
        startedAt = performance.now();
      } else {
        outcomes[message.index] = message.outcome;
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const ms = performance.now() - startedAt;
      failCurrent(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { kind: 'out-of-memory', ms }
          : { kind: 'crashed', ms, error: `${error.name}: ${error.message}\n${error.stack}` },
      );
    });
    worker.on('exit', () => {
      if (current >= 0 && outcomes[current] === undefined) {
        failCurrent({ kind: 'crashed', ms: performance.now() - startedAt, error: 'worker exited during the parse' });
      } else {
        let resumeAt = first;
        while (resumeAt < jobs.length && outcomes[resumeAt] !== undefined) resumeAt++;
        finish(resumeAt);
      }
    });
  });
}

/** One line per outcome that is not a parse or a NotAFeedError, e.g. for an assertion message. */
export function describeFailure(name: string, outcome: ParseOutcome): string | undefined {
  switch (outcome.kind) {
    case 'parsed':
    case 'not-a-feed':
      return undefined;
    case 'threw':
      return `${name}: threw ${outcome.error.split('\n').slice(0, 3).join(' | ')}`;
    case 'hung':
      return `${name}: still parsing after ${Math.round(outcome.ms)} ms, worker terminated`;
    case 'out-of-memory':
      return `${name}: exhausted the worker heap after ${Math.round(outcome.ms)} ms`;
    case 'crashed':
      return `${name}: worker crashed: ${outcome.error.split('\n')[0]}`;
  }
}
