// Hostile documents generated here (see hostile-documents.ts) through parseFeed in a worker with a
// 512 MB heap: no error but NotAFeedError, no hang, no memory blow-up, no entity amplification, and
// whatever comes back keeps to the model.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { hostileDocuments } from './hostile-documents.ts';
import { describeFailure, parseIsolated, type ParseOutcome } from './isolated-parse.ts';
import { modelProblems } from './model-invariants.ts';

/** Ten times the largest input: a parser that needs more is copying far too much. */
const MAX_HEAP_MB = 512;

describe('parseFeed on hostile input', () => {
  const documents = hostileDocuments();
  let outcomes: ParseOutcome[] = [];

  before(async () => {
    outcomes = await parseIsolated(
      documents.map((d) => ({
        name: d.name,
        body: d.body,
        opts: { url: 'https://feeds.example/hostile' },
        trimStringsOver: 1000,
        hangAfterMs: d.maxMs,
      })),
      { hangAfterMs: 10_000, maxHeapMb: MAX_HEAP_MB },
    );
  });

  documents.forEach((doc, i) => {
    test(doc.name, () => {
      const outcome = outcomes[i];
      const failure = describeFailure(doc.name, outcome);
      assert.equal(failure, undefined, failure);
      assert.ok(outcome.ms <= doc.maxMs, `took ${Math.round(outcome.ms)} ms (bound ${doc.maxMs} ms)`);
      if (doc.expect === 'feed') assert.equal(outcome.kind, 'parsed', 'a feed is in there, but it was refused');
      if (outcome.kind !== 'parsed') return;
      assert.deepEqual(modelProblems(outcome.feed), []);
      if (doc.entries !== undefined) assert.equal(outcome.feed.entries.length, doc.entries);
      if (doc.maxOutputChars !== undefined) {
        assert.ok(outcome.outputChars <= doc.maxOutputChars, `expanded to ${outcome.outputChars} characters`);
      }
    });
  });
});
