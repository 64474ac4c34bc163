// feedvalidator's 2,228 test cases: valid and deliberately invalid feeds, plus OPML, HTML and other
// non-feeds. A leniency test: parseFeed must answer each with a feed or NotAFeedError, never another
// error or a hang, and whatever it returns keeps to the model.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { assertNone } from './assert-none.ts';
import { corpusFiles, feedvalidatorCorpus, missingCorpora, type CorpusFile } from './corpora.ts';
import { documentFacts, type DocumentKind } from './document-facts.ts';
import { describeFailure, parseIsolated, type ParseOutcome } from './isolated-parse.ts';
import { modelProblems } from './model-invariants.ts';

/** A generous per-file bound (the files are a few KB): a hang detector, not a speed target. */
const PER_FILE_MS = 2000;

const missing = missingCorpora([feedvalidatorCorpus]);
if (missing) console.log(`# skipping feedvalidator robustness tests: ${missing}`);

describe('parseFeed on feedvalidator test cases', { skip: missing ?? false }, () => {
  let files: CorpusFile[] = [];
  let outcomes: ParseOutcome[] = [];
  let kinds: DocumentKind[] = [];

  before(async () => {
    files = corpusFiles([feedvalidatorCorpus]);
    kinds = files.map((f) => documentFacts(new Uint8Array(readFileSync(f.path))).kind);
    outcomes = await parseIsolated(
      files.map((f) => ({ name: f.name, path: f.path, opts: { url: `https://feeds.example/${f.name}` } })),
      { hangAfterMs: PER_FILE_MS * 5, maxHeapMb: 512 },
    );
  });

  test('all test cases are there', () => {
    assert.ok(files.length >= 2200, `only ${files.length} files found`);
  });

  test('no file throws anything but NotAFeedError, hangs or exhausts memory', () => {
    assertNone(
      files.flatMap((f, i) => describeFailure(f.name, outcomes[i]) ?? []),
      'files failed',
    );
  });

  test(`each file parses within ${PER_FILE_MS} ms`, () => {
    assertNone(
      files.flatMap((f, i) => (outcomes[i].ms > PER_FILE_MS ? [`${f.name}: ${Math.round(outcomes[i].ms)} ms`] : [])),
      'files took too long',
    );
  });

  test('documents rooted in rss, RDF or feed are read as feeds, however invalid', () => {
    assertNone(
      files.flatMap((f, i) => (kinds[i] === 'xml-feed' && outcomes[i].kind !== 'parsed' ? [`${f.name}: ${outcomes[i].kind}`] : [])),
      'feeds were refused',
    );
  });

  test('results keep to the model (types, valid dates, an id on every entry)', () => {
    assertNone(
      files.flatMap((f, i) => {
        const outcome = outcomes[i];
        return outcome.kind === 'parsed' ? modelProblems(outcome.feed).map((p) => `${f.name}: ${p}`) : [];
      }),
      'results break the model',
    );
  });
});
