// `npm run conformance [-- --verbose] [-- --suite=feedparser|gofeed]`: Sluice's parser against the
// feedparser and gofeed expectation suites. One line per suite; --verbose lists failures and skip reasons.
import { parseFeed } from '../../src/parse/index.ts';
import { runFeedparserSuite } from './feedparser.ts';
import { runGofeedSuite } from './gofeed.ts';
import type { SuiteResult } from './suite.ts';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.find((a) => a.startsWith('--suite='))?.slice('--suite='.length);

const suites: [string, () => SuiteResult][] = [
  ['feedparser', () => runFeedparserSuite((body, opts) => parseFeed(body, opts))],
  ['gofeed', () => runGofeedSuite((body, opts) => parseFeed(body, opts))],
];

for (const [name, run] of suites) {
  if (only && only !== name) continue;
  const r = run();
  if (verbose) report(r);
  console.log(`${r.suite}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
}

function report(r: SuiteResult): void {
  console.log(`--- ${r.suite}: failures`);
  for (const f of r.failures) console.log(`FAIL ${f.file}\n  expect: ${f.expect}\n  got:    ${f.got ?? ''}`);
  console.log(`--- ${r.suite}: skip reasons`);
  for (const [reason, n] of Object.entries(r.skipReasons).sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(5)}  ${reason}`);
  if (r.allowances && Object.keys(r.allowances).length) {
    console.log(`--- ${r.suite}: passes under a stated allowance`);
    for (const [reason, n] of Object.entries(r.allowances)) console.log(`${String(n).padStart(5)}  ${reason}`);
  }
}
