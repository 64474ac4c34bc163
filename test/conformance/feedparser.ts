// Python feedparser's test suite (2,106 small feeds, each stating its expectation as a Python
// expression) run against any parser with parseFeed's signature, through the feedparser-shaped view of
// our model. Each file is fetched, as feedparser's own runner does, from http://127.0.0.1:8097/tests/…
// (that URL is only the base for relative links; nothing is fetched); `Header:` lines simulate the
// HTTP response (Content-Type → opts.contentType, Content-Location → opts.url).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { feedparserView, HtmlValue, notModeledReason, type FeedparserView, type ViewDict } from './feedparser-view.ts';
import { normalizeHtml } from './html-normalize.ts';
import { sanitizeHtml } from '../../src/clean/sanitize.ts';
import { evaluate, parsePython, pythonRepr, SkipExpectation, truthy, type Scope } from './python-expr.ts';
import { corporaRoot, count, filesUnder, missingCorpus, type FeedParser, type SuiteResult } from './suite.ts';

export type { SuiteResult } from './suite.ts';

export const FEEDPARSER_CORPUS = 'feedparser/tests';
const SERVED_FROM = 'http://127.0.0.1:8097/tests/';

export interface FeedparserCase {
  /** Path below the tests folder, e.g. wellformed/rss/item_title.xml. */
  file: string;
  description?: string;
  expects: string[];
  headers: Record<string, string>;
  skipUnless?: string;
  body: Uint8Array;
}

/** Conditions of `SkipUnless:` that hold here (ICU knows these codecs; the URI scheme list exists). */
const SATISFIED_CONDITIONS = [/codecs'\)\.lookup\(/, /ACCEPTABLE_URI_SCHEMES/, /sys'\)\.version/];

/** Names feedparser's result has that belong to other stages or to Python itself. */
const NAME_SKIPS: Record<string, string> = {
  namespaces: 'the document’s namespace prefixes are not modeled',
  bozo_exception: 'Python exception classes have no counterpart (issues are messages)',
  'isinstance()': 'Python exception classes have no counterpart (issues are messages)',
  feedparser: 'Python module attributes have no counterpart',
  headers: 'HTTP response headers belong to the fetch stage',
  etag: 'HTTP response headers belong to the fetch stage',
  modified: 'HTTP response headers belong to the fetch stage',
  modified_parsed: 'HTTP response headers belong to the fetch stage',
  status: 'HTTP response headers belong to the fetch stage',
  href: 'HTTP response headers belong to the fetch stage',
  'locals()': 'HTTP response headers belong to the fetch stage',
  datetime: 'Podlove chapters are not modeled',
};

/** FeedParserDict's aliases: old names for the same value. */
const ALIASES: Record<string, string[]> = {
  channel: ['feed'],
  items: ['entries'],
  guid: ['id'],
  date: ['updated'],
  date_parsed: ['updated_parsed'],
  description: ['summary', 'subtitle'],
  description_detail: ['summary_detail', 'subtitle_detail'],
  url: ['href'],
  modified: ['updated'],
  modified_parsed: ['updated_parsed'],
  issued: ['published'],
  issued_parsed: ['published_parsed'],
  copyright: ['rights'],
  copyright_detail: ['rights_detail'],
  tagline: ['subtitle'],
  tagline_detail: ['subtitle_detail'],
};

export function loadFeedparserCases(): FeedparserCase[] {
  const root = join(corporaRoot, FEEDPARSER_CORPUS);
  return filesUnder(root).map((path) => {
    const body = new Uint8Array(readFileSync(path));
    return { file: relative(root, path), body, ...readHeader(body) };
  });
}

/** The Description/Expect/Header/SkipUnless lines at the top of a test file (any encoding it uses). */
export function readHeader(body: Uint8Array): Omit<FeedparserCase, 'file' | 'body'> {
  const text = headerText(body);
  const expects: string[] = [];
  const headers: Record<string, string> = {};
  let description: string | undefined;
  let skipUnless: string | undefined;
  const json = /"__TEST__"\s*:\s*"([^"]*)"/.exec(text);
  const block = json ? json[1].replace(/\s+(?=(Description|Expect|Header|SkipUnless):)/g, '\n') : (/<!--([\s\S]*?)-->/.exec(text)?.[1] ?? '');
  for (const line of block.split('\n')) {
    const m = /^\s*(Description|Expect|Header|SkipUnless):\s*(.*?)\s*(?:-->)?\s*$/.exec(line);
    if (!m) continue;
    if (m[1] === 'Expect') expects.push(m[2]);
    else if (m[1] === 'Description') description = m[2];
    else if (m[1] === 'SkipUnless') skipUnless = m[2];
    else {
      const colon = m[2].indexOf(':');
      if (colon > 0) headers[m[2].slice(0, colon).trim().toLowerCase()] = m[2].slice(colon + 1).trim();
    }
  }
  return { description, expects, headers, skipUnless };
}

/** The first bytes as text: the comment may be in UTF-16 or UTF-32, which the harness must read too. */
function headerText(body: Uint8Array): string {
  const head = body.subarray(0, 4096);
  const [a, b, c, d] = head;
  const wide32 = (a === 0 && b === 0 && (c === 0 || (c === 0xfe && d === 0xff))) || (b === 0 && c === 0 && d === 0) || (a === 0xff && b === 0xfe && c === 0 && d === 0);
  if (wide32) {
    const bigEndian = a === 0;
    let out = '';
    for (let i = 0; i + 3 < head.length; i += 4) {
      const code = bigEndian ? (head[i] << 24) | (head[i + 1] << 16) | (head[i + 2] << 8) | head[i + 3] : head[i] | (head[i + 1] << 8) | (head[i + 2] << 16) | (head[i + 3] << 24);
      if (code > 0 && code < 0x110000) out += String.fromCodePoint(code);
    }
    return out;
  }
  if (a === 0 || (a === 0xfe && b === 0xff)) return new TextDecoder('utf-16be').decode(head);
  if (b === 0 || (a === 0xff && b === 0xfe)) return new TextDecoder('utf-16le').decode(head);
  return new TextDecoder('latin1').decode(head);
}

/** Runs every expectation of the suite against `parse`. A parser that throws fails that file. */
export function runFeedparserSuite(parse: FeedParser, cases?: FeedparserCase[]): SuiteResult {
  const result: SuiteResult = { suite: 'feedparser', passed: 0, failed: 0, skipped: 0, failures: [], skipReasons: {}, allowances: {} };
  const missing = cases ? undefined : missingCorpus(FEEDPARSER_CORPUS);
  if (missing) {
    count(result.skipReasons, missing);
    return result;
  }
  for (const testCase of cases ?? loadFeedparserCases()) runCase(parse, testCase, result);
  return result;
}

function runCase(parse: FeedParser, testCase: FeedparserCase, result: SuiteResult): void {
  if (testCase.expects.length === 0) return;
  const skip = (reason: string) => {
    result.skipped += testCase.expects.length;
    result.skipReasons[reason] = (result.skipReasons[reason] ?? 0) + testCase.expects.length;
  };
  if (testCase.headers['content-language']) {
    skip('the Content-Language HTTP header is not an input of parseFeed (only the URL and Content-Type are)');
    return;
  }
  if (testCase.skipUnless && !SATISFIED_CONDITIONS.some((c) => c.test(testCase.skipUnless!))) {
    skip(`needs ${testCase.skipUnless} (encoding guessed from content, as chardet does)`);
    return;
  }
  let view: FeedparserView;
  try {
    view = feedparserView(parse(testCase.body, optionsFor(testCase)));
  } catch (error) {
    result.failed += testCase.expects.length;
    for (const expect of testCase.expects) result.failures.push({ file: testCase.file, expect, got: `threw ${String(error)}` });
    return;
  }
  for (const expect of testCase.expects) {
    const scope = new ViewScope(view);
    try {
      const tree = parsePython(expect);
      if (truthy(evaluate(tree, scope), scope)) {
        result.passed++;
        for (const allowance of scope.allowances) count(result.allowances!, allowance);
      } else {
        result.failed++;
        result.failures.push({ file: testCase.file, expect, got: describe(tree, view) });
      }
    } catch (error) {
      if (error instanceof SkipExpectation) {
        result.skipped++;
        count(result.skipReasons, error.reason);
      } else {
        result.failed++;
        result.failures.push({ file: testCase.file, expect, got: String(error) });
      }
    }
  }
}

function optionsFor(testCase: FeedparserCase): { url: string; contentType?: string } {
  let url = SERVED_FROM + testCase.file;
  const location = testCase.headers['content-location'];
  if (location) {
    const resolved = URL.parse(location, url);
    // A Content-Location that is not http(s) (javascript:) is not a place a document lives.
    if (resolved && (resolved.protocol === 'http:' || resolved.protocol === 'https:')) url = resolved.href;
  }
  return { url, contentType: testCase.headers['content-type'] };
}

class KeyError extends Error {
  constructor(key: unknown) {
    super(JSON.stringify(key));
    this.name = 'KeyError';
  }
}

/** Resolves names and keys against the view the way FeedParserDict does. */
class ViewScope implements Scope {
  readonly allowances = new Set<string>();
  private readonly view: FeedparserView;
  /** Which key each nested dict was reached by, for 'image.title'-style not-modeled entries. */
  private readonly dictNames = new WeakMap<object, string>();

  constructor(view: FeedparserView) {
    this.view = view;
  }

  name(name: string): unknown {
    switch (name) {
      case 'bozo':
        return this.view.bozo;
      case 'feed':
      case 'channel':
        return this.view.feed;
      case 'entries':
      case 'items':
        return this.view.entries;
      case 'version':
        return this.view.version;
      case 'encoding':
        return this.view.encoding;
    }
    const reason = NAME_SKIPS[name];
    if (reason) throw new SkipExpectation(reason);
    throw new Error(`NameError: ${name}`);
  }

  item(obj: unknown, key: unknown): unknown {
    if (Array.isArray(obj) || typeof obj === 'string' || obj instanceof HtmlValue) {
      const seq = obj instanceof HtmlValue ? obj.html : obj;
      if (typeof key !== 'number') throw new TypeError(`indices must be integers, not ${JSON.stringify(key)}`);
      const index = key < 0 ? seq.length + key : key;
      if (index < 0 || index >= seq.length) throw new RangeError(`IndexError: index ${key} out of range`);
      const element = seq[index];
      // content[0] is named "content", for 'content.src'-style not-modeled entries.
      const listName = Array.isArray(obj) ? this.dictNames.get(obj) : undefined;
      if (listName && element && typeof element === 'object') this.dictNames.set(element, listName);
      return element;
    }
    if (obj === null || typeof obj !== 'object') throw new TypeError(`${pythonRepr(obj, this)} is not subscriptable`);
    const dict = obj as ViewDict;
    const name = String(key);
    const found = this.lookup(dict, name);
    if (found !== undefined) {
      if (found && typeof found === 'object') this.dictNames.set(found, name);
      return found;
    }
    const reason = notModeledReason(name, this.dictNames.get(dict));
    if (reason) throw new SkipExpectation(reason);
    throw new KeyError(name);
  }

  private lookup(dict: ViewDict, key: string): unknown {
    if (Object.hasOwn(dict, key)) return dict[key];
    for (const alias of ALIASES[key] ?? []) if (Object.hasOwn(dict, alias)) return dict[alias];
    if (key === 'category') {
      const tags = dict.tags as ViewDict[] | undefined;
      return tags?.[0]?.term;
    }
    // feedparser 6 answers "updated" with "published" when only that is known.
    if (key === 'updated_parsed' || key === 'modified_parsed' || key === 'date_parsed') return dict.published_parsed;
    return undefined;
  }

  equals(a: unknown, b: unknown): boolean {
    if (a instanceof HtmlValue || b instanceof HtmlValue) {
      const ours = a instanceof HtmlValue ? a.html : b instanceof HtmlValue ? b.html : '';
      const other = a instanceof HtmlValue ? b : a;
      if (other instanceof HtmlValue) return ours === other.html;
      if (typeof other !== 'string') return false;
      if (ours === other) return true;
      const mine = normalizeHtml(ours);
      if (mine === normalizeHtml(other)) return true;
      // Sanitizing policies differ (ours drops style, adds rel="noopener" ...). When feedparser's answer,
      // put through our clean stage, is exactly ours, the parse agreed and only the policy differs.
      const base = a instanceof HtmlValue ? a.base : (b as HtmlValue).base;
      if (mine === normalizeHtml(sanitizeHtml(other, base))) {
        this.allowances.add('feedparser’s HTML, sanitized by our clean stage, equals ours (stricter or different sanitizing policy)');
        return true;
      }
      return false;
    }
    if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null);
    if (typeof a === 'string' && typeof b === 'string' && a !== b && sameUrl(a, b)) {
      this.allowances.add('the same URL spelled differently (IRI vs punycode, default port, trailing "/")');
      return true;
    }
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => this.equals(v, b[i]));
    if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) === Number(b);
    if (typeof a === 'object' && typeof b === 'object') {
      const ka = Object.keys(a as object);
      const kb = Object.keys(b as object);
      return ka.length === kb.length && ka.every((k) => this.equals((a as ViewDict)[k], (b as Record<string, unknown>)[k]));
    }
    return a === b;
  }

  text(value: unknown): string | undefined {
    if (typeof value === 'string') return value;
    if (value instanceof HtmlValue) return value.html;
    return undefined;
  }
}

/** Two absolute http(s) URLs that parse to the same URL. */
function sameUrl(a: string, b: string): boolean {
  if (!/^https?:\/\//i.test(a) || !/^https?:\/\//i.test(b)) return false;
  const x = URL.parse(a);
  const y = URL.parse(b);
  return x !== null && y !== null && x.href === y.href;
}

/** For a failure report: what each comparison's left side evaluated to. */
function describe(tree: ReturnType<typeof parsePython>, view: FeedparserView): string {
  const parts: string[] = [];
  const visit = (node: ReturnType<typeof parsePython>): void => {
    if (node.kind === 'and' || node.kind === 'or') {
      visit(node.left);
      visit(node.right);
    } else if (node.kind === 'not') visit(node.operand);
    else if (node.kind === 'compare' || node.kind === 'name' || node.kind === 'item' || node.kind === 'call') {
      const target = node.kind === 'compare' ? node.first : node;
      const scope = new ViewScope(view);
      try {
        parts.push(pythonRepr(evaluate(target, scope), scope));
      } catch (error) {
        parts.push(error instanceof SkipExpectation ? error.message : String(error));
      }
    }
  };
  visit(tree);
  return parts.join(' | ');
}
