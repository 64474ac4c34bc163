// `npm run bench -- parse [--seconds=N] [--verbose]`: Sluice's feed parser against the npm peers feedsmith,
// @rowanmanning/feed-parser and rss-parser, on the same real-world feeds held in memory:
//   speed  MB/s (10^6 bytes of input) and entries/s over the files a parser accepts; files it rejects are
//          counted and left out of the timing. After one warm-up pass, each parser gets N/3 seconds in each
//          of 3 interleaved rounds (so background load hits every parser alike); the median round counts.
//   pass   rate on the feedparser conformance suite (passed / (passed + failed)), through one harness.
// Every peer gets the same byte decoding (bench/peers/decode.ts): they take strings, Sluice takes bytes.
// rss-parser is async only: its speed loop awaits each parse; for the synchronous harness its results are
// computed beforehand (one recording run of the harness collects the inputs, `preparse` parses them).
import { parseFeed } from '../src/parse/index.ts';
import type { ParsedFeed } from '../src/parse/entry.ts';
import { runFeedparserSuite, type SuiteResult } from '../test/conformance/feedparser.ts';
import { corpusFiles, missingCorpora, realFeedCorpora } from '../test/robustness/corpora.ts';
import * as feedsmith from './peers/feedsmith.ts';
import * as rowanmanning from './peers/rowanmanning.ts';
import * as rssParser from './peers/rss-parser.ts';
import { readFileSync } from 'node:fs';

type Options = { url?: string; contentType?: string };
type SyncParse = (body: Uint8Array, opts: Options) => ParsedFeed;

interface Contender {
  name: string;
  isPeer: boolean;
  /** One parse as a caller would run it (awaited when the parser is async). */
  parse: (body: Uint8Array, opts: Options) => ParsedFeed | Promise<ParsedFeed>;
  /** The pass rate on the feedparser suite. */
  conformance: () => Promise<SuiteResult>;
}

interface FeedDocument {
  name: string;
  body: Uint8Array;
  opts: Options;
}

interface Speed {
  mbPerS: number;
  entriesPerS: number;
  /** Files the parser rejected, with what it threw. */
  rejected: { name: string; error: string }[];
}

const ROUNDS = 3;

export async function run(args: string[]): Promise<void> {
  const missing = missingCorpora(realFeedCorpora);
  if (missing) {
    console.log(`parse: skipped, ${missing}`);
    return;
  }
  const seconds = Number(args.find((a) => a.startsWith('--seconds='))?.slice('--seconds='.length) ?? 3);
  const documents = corpusFiles(realFeedCorpora).map(
    (f): FeedDocument => ({
      name: f.name,
      body: new Uint8Array(readFileSync(f.path)),
      // Sluice resolves relative links against the fetch URL, as it would in production.
      opts: { url: `https://feeds.example/${f.name}` },
    }),
  );
  const totalBytes = documents.reduce((n, d) => n + d.body.byteLength, 0);
  console.log(
    `parse: ${documents.length} real-world feeds (${realFeedCorpora.join(', ')}), ${(totalBytes / 1e6).toFixed(1)} MB; ` +
      `${ROUNDS} rounds of ${(seconds / ROUNDS).toFixed(2)} s per parser`,
  );

  const contenders = [
    syncContender('sluice', false, (body, opts) => parseFeed(body, opts)),
    syncContender('feedsmith', true, feedsmith.parse),
    syncContender('rowanmanning', true, rowanmanning.parse),
    rssParserContender(),
  ];

  const speeds = await measureSpeeds(contenders, documents, seconds);
  const passRates = new Map<string, number>();
  const counts: string[] = [];
  for (const c of contenders) {
    const result = await c.conformance();
    passRates.set(c.name, result.passed / Math.max(1, result.passed + result.failed));
    counts.push(`${c.name} ${result.passed}/${result.failed}/${result.skipped}`);
  }

  printTable(contenders, speeds, passRates);
  // Skips depend a little on the parser: an expectation fails at its first false clause before reaching
  // a clause about something the model does not hold, so the denominators differ slightly.
  console.log(`pass rate = passed / (passed + failed) on the feedparser suite; passed/failed/skipped: ${counts.join(', ')}`);
  if (args.includes('--verbose')) {
    for (const c of contenders) {
      for (const r of speeds.get(c.name)!.rejected) console.log(`  ${c.name} rejected ${r.name}: ${r.error}`);
    }
  }

  const sluice = contenders[0];
  const peers = contenders.filter((c) => c.isPeer);
  const fastest = peers.reduce((a, b) => (speeds.get(b.name)!.mbPerS > speeds.get(a.name)!.mbPerS ? b : a));
  const bestPeerPassRate = Math.max(...peers.map((p) => passRates.get(p.name)!));
  console.log(
    `parse: mb_per_s=${speeds.get(sluice.name)!.mbPerS.toFixed(1)} pass_rate=${passRates.get(sluice.name)!.toFixed(3)} ` +
      `peer=${fastest.name} peer_mb_per_s=${speeds.get(fastest.name)!.mbPerS.toFixed(1)} ` +
      `peer_pass_rate=${passRates.get(fastest.name)!.toFixed(3)} best_peer_pass_rate=${bestPeerPassRate.toFixed(3)}`,
  );
}

function syncContender(name: string, isPeer: boolean, parse: SyncParse): Contender {
  return { name, isPeer, parse, conformance: async () => runFeedparserSuite(parse) };
}

function rssParserContender(): Contender {
  return {
    name: rssParser.name,
    isPeer: true,
    parse: rssParser.parseAsync,
    conformance: async () => {
      // First run: collect every input the harness hands over; then parse them all asynchronously.
      const inputs: { body: Uint8Array; opts: Options }[] = [];
      runFeedparserSuite((body, opts) => {
        inputs.push({ body: body.slice(), opts: { ...opts } });
        throw new rssParser.NotPreparsedError();
      });
      await rssParser.preparse(inputs);
      return runFeedparserSuite(rssParser.parse);
    },
  };
}

async function measureSpeeds(contenders: Contender[], documents: FeedDocument[], seconds: number): Promise<Map<string, Speed>> {
  const accepted = new Map<string, FeedDocument[]>();
  const rejected = new Map<string, Speed['rejected']>();
  for (const c of contenders) {
    const warm = await warmUp(c, documents);
    accepted.set(c.name, warm.accepted);
    rejected.set(c.name, warm.rejected);
  }
  const rounds = new Map<string, { mbPerS: number; entriesPerS: number }[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of contenders) {
      const sample = await timedPasses(c, accepted.get(c.name)!, (seconds / ROUNDS) * 1000);
      rounds.set(c.name, [...(rounds.get(c.name) ?? []), sample]);
    }
  }
  const speeds = new Map<string, Speed>();
  for (const c of contenders) {
    const samples = rounds.get(c.name)!;
    speeds.set(c.name, {
      mbPerS: median(samples.map((s) => s.mbPerS)),
      entriesPerS: median(samples.map((s) => s.entriesPerS)),
      rejected: rejected.get(c.name)!,
    });
  }
  return speeds;
}

/** One untimed pass, which also finds the files this parser rejects (they are left out of the timing). */
async function warmUp(c: Contender, documents: FeedDocument[]): Promise<{ accepted: FeedDocument[]; rejected: Speed['rejected'] }> {
  const accepted: FeedDocument[] = [];
  const rejected: Speed['rejected'] = [];
  for (const d of documents) {
    try {
      await c.parse(d.body, d.opts);
      accepted.push(d);
    } catch (error) {
      rejected.push({ name: d.name, error: String(error).split('\n')[0] });
    }
  }
  return { accepted, rejected };
}

async function timedPasses(c: Contender, documents: FeedDocument[], budgetMs: number): Promise<{ mbPerS: number; entriesPerS: number }> {
  let bytes = 0;
  let entries = 0;
  const start = performance.now();
  let elapsed = 0;
  // Whole passes only, at least one, so every file weighs the same.
  do {
    for (const d of documents) {
      const feed = await c.parse(d.body, d.opts);
      bytes += d.body.byteLength;
      entries += feed.entries.length;
    }
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs);
  return { mbPerS: bytes / 1e6 / (elapsed / 1000), entriesPerS: entries / (elapsed / 1000) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function printTable(contenders: Contender[], speeds: Map<string, Speed>, passRates: Map<string, number>): void {
  const rows = [
    ['parser', 'MB/s', 'entries/s', 'files failed', 'pass rate'],
    ...contenders.map((c) => {
      const s = speeds.get(c.name)!;
      return [c.name, s.mbPerS.toFixed(1), Math.round(s.entriesPerS).toString(), String(s.rejected.length), passRates.get(c.name)!.toFixed(3)];
    }),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join(' | '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  }
}
