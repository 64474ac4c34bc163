// What every conformance suite reports, and where the shared corpora are. The suites take any parser
// with parseFeed's signature, so the parse benchmark can measure npm peers through the same harness.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedFeed } from '../../src/parse/entry.ts';

export type FeedParser = (body: Uint8Array, opts: { url?: string; contentType?: string }) => ParsedFeed;

export interface SuiteFailure {
  file: string;
  expect: string;
  got?: string;
}

export interface SuiteResult {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  failures: SuiteFailure[];
  /** Why expectations were skipped → how many. */
  skipReasons: Record<string, number>;
  /** Passes that needed a stated allowance (e.g. stricter sanitizing than the reference) → how many. */
  allowances?: Record<string, number>;
}

/** `<repo>/../shared/corpora`: data from other projects, never copied into the repository. */
export const corporaRoot = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));

/** Undefined when the folder exists, else a message for a clean skip. */
export function missingCorpus(folder: string): string | undefined {
  const path = join(corporaRoot, folder);
  return existsSync(path) ? undefined : `corpus not found: ${path}`;
}

/** Every file under `dir`, sorted, depth first. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

export function count(tally: Record<string, number>, key: string): void {
  tally[key] = (tally[key] ?? 0) + 1;
}

/** Pass rate over the expectations that were evaluated (skips excluded). */
export function passRate(r: SuiteResult): number {
  const n = r.passed + r.failed;
  return n === 0 ? 0 : r.passed / n;
}
