// The conformance suites as a regression test: Sluice's parser must keep the pass rate it has reached
// on feedparser's and gofeed's expectations (floors just under the measured rates), and may not skip
// more than the allowed share. Skips cleanly when the shared corpora are absent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from '../../src/parse/index.ts';
import { FEEDPARSER_CORPUS, runFeedparserSuite } from './feedparser.ts';
import { GOFEED_CORPUS, runGofeedSuite } from './gofeed.ts';
import { missingCorpus, passRate, type SuiteResult } from './suite.ts';

const parse = (body: Uint8Array, opts: { url?: string; contentType?: string }) => parseFeed(body, opts);

/** Pass-rate floors (passed / evaluated), just under what the parser reached when last raised. */
const FEEDPARSER_FLOOR = 0.975;
const GOFEED_FLOOR = 0.975;
/** At most this share of all expectations may be skipped as not modeled. */
const MAX_SKIPPED = 0.15;

function summary(r: SuiteResult): string {
  const first = r.failures.slice(0, 10).map((f) => `  ${f.file}: ${f.expect}\n    got ${f.got}`);
  return `${r.suite}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped\n${first.join('\n')}`;
}

describe('feedparser conformance', { skip: missingCorpus(FEEDPARSER_CORPUS) ?? false }, () => {
  const result = runFeedparserSuite(parse);
  test(`pass rate stays at or above ${FEEDPARSER_FLOOR * 100}%`, () => {
    assert.ok(result.passed + result.failed > 1500, `too few expectations evaluated: ${summary(result)}`);
    assert.ok(passRate(result) >= FEEDPARSER_FLOOR, summary(result));
  });
  test(`no more than ${MAX_SKIPPED * 100}% skipped`, () => {
    const total = result.passed + result.failed + result.skipped;
    assert.ok(result.skipped / total <= MAX_SKIPPED, `${result.skipped} of ${total} skipped: ${JSON.stringify(result.skipReasons)}`);
  });
});

describe('gofeed translator conformance', { skip: missingCorpus(GOFEED_CORPUS) ?? false }, () => {
  test(`pass rate stays at or above ${GOFEED_FLOOR * 100}%`, () => {
    const result = runGofeedSuite(parse);
    assert.ok(result.passed + result.failed > 300, `too few expectations evaluated: ${summary(result)}`);
    assert.ok(passRate(result) >= GOFEED_FLOOR, summary(result));
  });
});
