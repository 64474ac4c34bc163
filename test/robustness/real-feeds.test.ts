// Every real-world feed of the shared corpora (feedjira's samples, rss-parser's inputs, feed-rs's
// fixtures) through parseFeed: nothing but NotAFeedError is thrown, nothing hangs, and the entries make
// sense against what each file contains (see document-facts.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { assertNone } from './assert-none.ts';
import { corpusFiles, missingCorpora, realFeedCorpora, type CorpusFile } from './corpora.ts';
import { documentFacts, type DocumentFacts } from './document-facts.ts';
import { describeFailure, parseIsolated, type ParseOutcome } from './isolated-parse.ts';
import { modelProblems } from './model-invariants.ts';

/** A generous per-file bound: a hang detector on a shared, noisy machine, not a speed target. */
const PER_FILE_MS = 2000;
const DAY_MS = 24 * 3600 * 1000;

const missing = missingCorpora(realFeedCorpora);
if (missing) console.log(`# skipping real-world feed robustness tests: ${missing}`);

describe('parseFeed on real-world feeds', { skip: missing ?? false }, () => {
  let files: CorpusFile[] = [];
  let facts: DocumentFacts[] = [];
  let outcomes: ParseOutcome[] = [];

  before(async () => {
    files = corpusFiles(realFeedCorpora);
    facts = files.map((f) => documentFacts(new Uint8Array(readFileSync(f.path))));
    outcomes = await parseIsolated(
      // The fetch URL is what relative links resolve against in production; give every file one.
      files.map((f) => ({ name: f.name, path: f.path, opts: { url: `https://feeds.example/${f.name}` } })),
      { hangAfterMs: PER_FILE_MS * 5, maxHeapMb: 1024 },
    );
  });

  const eachParsed = (check: (f: CorpusFile, facts: DocumentFacts, outcome: ParseOutcome & { kind: 'parsed' }) => string[]) =>
    files.flatMap((f, i) => {
      const outcome = outcomes[i];
      return outcome.kind === 'parsed' ? check(f, facts[i], outcome).map((p) => `${f.name}: ${p}`) : [];
    });

  test('the corpora hold the expected mix of documents', () => {
    assert.ok(files.length >= 300, `only ${files.length} files found`);
    assert.ok(facts.filter((f) => f.kind === 'xml-feed').length >= 250, 'fewer XML feeds than the corpora hold');
    assert.ok(facts.filter((f) => f.kind === 'json-feed').length >= 5, 'fewer JSON feeds than the corpora hold');
  });

  test('no file throws anything but NotAFeedError, hangs or exhausts memory', () => {
    assertNone(
      files.flatMap((f, i) => describeFailure(f.name, outcomes[i]) ?? []),
      'files failed',
    );
  });

  test(`each file parses within ${PER_FILE_MS} ms`, () => {
    const slow = files.flatMap((f, i) => (outcomes[i].ms > PER_FILE_MS ? [`${f.name}: ${Math.round(outcomes[i].ms)} ms`] : []));
    assertNone(slow, 'files took too long');
  });

  test('feeds are parsed and pages that hold no feed are refused with NotAFeedError', () => {
    const wrong = files.flatMap((f, i) => {
      const { kind, entryTagCount } = facts[i];
      const got = outcomes[i].kind;
      if ((kind === 'xml-feed' || kind === 'json-feed') && got !== 'parsed') return [`${f.name}: a ${kind} was not parsed (${got})`];
      if (kind === 'html' && entryTagCount === 0 && got !== 'not-a-feed') return [`${f.name}: an HTML page was not refused (${got})`];
      return [];
    });
    assertNone(wrong, 'documents were misjudged');
  });

  test('results keep to the model (types, valid dates, an id on every entry)', () => {
    assertNone(
      eachParsed((_f, _facts, { feed }) => modelProblems(feed)),
      'results break the model',
    );
  });

  test('well-formed feeds yield exactly the entries they contain, malformed ones at least one', () => {
    const wrong = eachParsed((_f, { kind, wellFormed, entries, entryTagCount }, { feed }) => {
      if (kind !== 'xml-feed' && kind !== 'json-feed') return [];
      if (wellFormed && entries) {
        return feed.entries.length === entries.length ? [] : [`${feed.entries.length} entries, the document has ${entries.length}`];
      }
      return entryTagCount > 0 && feed.entries.length === 0 ? [`no entries, the document has ${entryTagCount} entry tags`] : [];
    });
    assertNone(wrong, 'feeds have the wrong number of entries');
  });

  test('entries carry the titles, links and dates their documents state', () => {
    const wrong = eachParsed((_f, { entries }, { feed }) => {
      if (!entries || entries.length !== feed.entries.length) return []; // counted by the test above
      return entries.flatMap((expected, i) => {
        const entry = feed.entries[i];
        const problems: string[] = [];
        if (expected.title && !entry.title?.trim()) problems.push(`entries[${i}] lost its title ${JSON.stringify(expected.title.slice(0, 60))}`);
        if (expected.hasLink && !entry.link) problems.push(`entries[${i}] lost its link`);
        // Where JavaScript's own Date reads the entry's first date, ours must exist and agree within a day
        // (the slack covers zone names each side may read differently; a misread field is off by years).
        const js = expected.dateText === undefined ? NaN : Date.parse(expected.dateText);
        if (!Number.isNaN(js)) {
          const dates = [entry.published, entry.updated].filter((d) => d !== undefined);
          if (dates.length === 0) problems.push(`entries[${i}] has no date, though JavaScript reads ${JSON.stringify(expected.dateText)}`);
          else if (Math.min(...dates.map((d) => Math.abs(d.getTime() - js))) > DAY_MS) {
            problems.push(`entries[${i}] dates ${dates.map((d) => d.toISOString()).join(', ')} disagree with ${JSON.stringify(expected.dateText)}`);
          }
        }
        return problems;
      });
    });
    assertNone(wrong, 'entries lost what their documents state');
  });

  test('documents valid in the encoding they declare come out without U+FFFD replacement characters', () => {
    // A wrong guess of the encoding shows as U+FFFD. Documents that hold U+FFFD themselves, or character
    // references that must become one (NUL, surrogates), are left out.
    const wrong = eachParsed((f, { declaredEncoding }, { feed }) => {
      const text = strictlyDecoded(f.path, declaredEncoding);
      if (text === undefined || text.includes('\uFFFD') || /&#(?:x0*(?:d[89a-f][0-9a-f]{2}|0)|0*(?:0|5[5-7]\d{3}));/i.test(text)) return [];
      const fields = [feed.title, ...feed.entries.flatMap((e) => [e.title, e.summary, e.content])];
      return fields.some((x) => x?.includes('\uFFFD')) ? [`holds U+FFFD, though its bytes are valid ${declaredEncoding} (read as ${feed.encoding})`] : [];
    });
    assertNone(wrong, 'documents were decoded wrongly');
  });

  test('titles hold no raw CDATA markers, links and enclosures are absolute URLs', () => {
    const wrong = eachParsed((_f, _facts, { feed }) =>
      feed.entries.flatMap((entry, i) => {
        const problems: string[] = [];
        if (entry.title?.includes('<![CDATA[')) problems.push(`entries[${i}].title holds raw CDATA: ${entry.title.slice(0, 80)}`);
        if (entry.link !== undefined && !isAbsoluteUrl(entry.link)) problems.push(`entries[${i}].link is not absolute: ${JSON.stringify(entry.link)}`);
        for (const e of entry.enclosures) {
          if (!isAbsoluteUrl(e.url)) problems.push(`entries[${i}] enclosure is not absolute: ${JSON.stringify(e.url)}`);
        }
        return problems;
      }),
    );
    assertNone(wrong, 'titles or URLs are malformed');
  });
});

/** The document read strictly in the encoding it declares, or undefined if its bytes are not valid in it. */
function strictlyDecoded(path: string, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(readFileSync(path));
  } catch {
    return undefined;
  }
}

function isAbsoluteUrl(value: string): boolean {
  return value === value.trim() && URL.canParse(value);
}
