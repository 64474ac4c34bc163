// Picks the dense scorer for this machine: the WebAssembly kernel across worker threads,
// in the calling thread when one thread is asked for, and the plain-JS float32 scorer
// (same results, ~100× slower at 300k interests) where the runtime cannot run the kernel.
import { availableParallelism } from 'node:os';
import { denseKernelAvailable } from './dense-scan.ts';
import { FloatDenseScorer } from './float-scorer.ts';
import type { MatchList } from './match-list.ts';
import type { PairTally } from './pair-tally.ts';
import type { ScanPart } from './scan-part.ts';
import { ParallelDenseScorer } from './parallel-scorer.ts';
import { WasmDenseScorer } from './wasm-scorer.ts';

export type { ScanPart } from './scan-part.ts';

/** The one interface every dense scorer implements (and the conformance suite checks). */
export interface DenseScorer {
  readonly dims: number;
  /** Interests held. A parallel scorer applies changes made during a scan when it ends. */
  readonly size: number;
  add(id: number, vector: ArrayLike<number>, threshold?: number): void;
  update(id: number, vector: ArrayLike<number>, threshold?: number): void;
  /** Moves an interest's own threshold without rewriting its vector (unknown id: an error).
   *  A parallel scorer applies it when the running scans end, like every change. */
  setThreshold(id: number, threshold: number): void;
  /** An interest's report and tally floors (pair-tally.ts; float32 cosines), used by scans given a
   *  tally: its pairs under `report` are tallied from `tally` up instead of listed, and dropped
   *  under it. Until set: every pair listed. Applied when running scans end, like every change. */
  setReportFloors(id: number, report: number, tally: number): void;
  /** Removes an interest; unknown ids are ignored. */
  remove(id: number): void;
  has(id: number): boolean;
  /**
   * Every (post, interest) whose cosine is at or above max(threshold, the interest's own
   * threshold), with exact float32 scores; order unspecified. Written into `into` when given
   * (its matches replaced; MatchList.reuse) and returned, else into a new list.
   * With `tally` (its contents replaced), each interest's report and tally floors apply: pairs
   * under the report floor are counted there, by interest, instead of listed (pair-tally.ts).
   * With `part` (from split), only that part's interests are scanned.
   */
  scoreBatch(posts: readonly ArrayLike<number>[], threshold: number, into?: MatchList, tally?: PairTally, part?: ScanPart): Promise<MatchList>;
  /**
   * The interests in `parts` consecutive parts of about equal size, for scanning a batch one
   * part at a time (a caller scores one part's pairs while the next is scanned). Every interest
   * held is in exactly one part, and so is every one added later (the last part is open-ended),
   * as long as no compact() runs in between.
   */
  split(parts: number): ScanPart[];
  /** Which of `parts` (from split) scans an interest: its index, −1 for an unknown id. */
  partOf(id: number, parts: readonly ScanPart[]): number;
  /**
   * The exact cosine of one post with the given interests, whatever the thresholds (NaN
   * for an unknown id): for pairs found another way, e.g. strong lexical hits below the
   * semantic floor, that the match stage still wants to blend.
   */
  exactScores(post: ArrayLike<number>, ids: ArrayLike<number>): Float32Array;
  close(): Promise<void>;
}

export interface DenseScorerChoice {
  /** Scan threads; 1 scans in the calling thread (default: available cores, at most 8). */
  threads?: number;
  initialCapacity?: number;
  /** Told when the kernel is unavailable and the float32 scorer is used instead. */
  onFallback?: (reason: string) => void;
  /** For tests: overrides the kernel availability check. */
  kernelAvailable?: () => boolean;
}

export function createDenseScorer(dims: number, choice: DenseScorerChoice = {}): DenseScorer {
  const threads = Math.max(1, Math.min(choice.threads ?? availableParallelism(), 8));
  if (!(choice.kernelAvailable ?? denseKernelAvailable)()) {
    choice.onFallback?.('WebAssembly relaxed SIMD kernel unavailable in this runtime: scoring with plain JS float32 (same results, much slower)');
    return new FloatDenseScorer(dims);
  }
  if (threads === 1) return new WasmDenseScorer(dims, { initialCapacity: choice.initialCapacity });
  return new ParallelDenseScorer(dims, { workers: threads, initialCapacity: choice.initialCapacity });
}
