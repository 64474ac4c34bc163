// gofeed's translator cases: each RSS, Atom or JSON feed beside the normalized feed gofeed makes of it
// (testdata/translator/{rss,atom,json}). That model is close to ours, so each field the expected JSON
// states is one expectation, compared with the matching field of ParsedFeed: strings trimmed, HTML after
// normalizing both sides, dates as instants, lists of people/categories/enclosures element by element.
// Fields gofeed has and Sluice does not model (extension maps, raw date strings, avatars) are skipped.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Category, Entry, ParsedFeed, Person } from '../../src/parse/entry.ts';
import { normalizeHtml } from './html-normalize.ts';
import { corporaRoot, count, filesUnder, missingCorpus, type FeedParser, type SuiteResult } from './suite.ts';

export const GOFEED_CORPUS = 'gofeed/testdata/translator';

type Json = Record<string, unknown>;

/** Fields of the expected JSON not compared, with why. */
const NOT_COMPARED: Record<string, string> = {
  extensions: 'extension element maps (gofeed `extensions`) are not modeled',
  dcExt: 'Dublin Core extension maps are not modeled (dc fields are read into the model)',
  itunesExt: 'iTunes extension maps are not modeled',
  custom: 'gofeed custom fields are not modeled',
  updated: 'raw date strings are not kept (instants are: updatedParsed)',
  published: 'raw date strings are not kept (instants are: publishedParsed)',
};

/** The version string gofeed gives for each of ours. */
const GOFEED_VERSION: Record<string, string> = {
  rss20: '2.0', rss10: '1.0', rss090: '0.9', rss091u: '0.91', rss091n: '0.91', rss092: '0.92', rss093: '0.93', rss094: '0.94',
  atom10: '1.0', atom03: '0.3', json1: '1.0', json10: '1.0', json11: '1.1',
};

export interface GofeedCase {
  file: string;
  body: Uint8Array;
  expected: Json;
}

export function loadGofeedCases(): GofeedCase[] {
  const root = join(corporaRoot, GOFEED_CORPUS);
  const cases: GofeedCase[] = [];
  for (const path of filesUnder(root)) {
    // rss/x.xml ↔ rss/x.json; json/x.json ↔ json/x_expected.json
    let expectedPath: string | undefined;
    if (path.endsWith('.xml')) expectedPath = path.slice(0, -4) + '.json';
    else if (path.includes('/json/') && path.endsWith('.json') && !path.endsWith('_expected.json')) expectedPath = path.slice(0, -5) + '_expected.json';
    if (!expectedPath) continue;
    let expected: Json;
    try {
      expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Json;
    } catch {
      continue; // no expectation beside it
    }
    cases.push({ file: relative(root, path), body: new Uint8Array(readFileSync(path)), expected });
  }
  return cases;
}

export function runGofeedSuite(parse: FeedParser, cases?: GofeedCase[]): SuiteResult {
  const result: SuiteResult = { suite: 'gofeed', passed: 0, failed: 0, skipped: 0, failures: [], skipReasons: {} };
  const missing = cases ? undefined : missingCorpus(GOFEED_CORPUS);
  if (missing) {
    count(result.skipReasons, missing);
    return result;
  }
  for (const c of cases ?? loadGofeedCases()) runCase(parse, c, result);
  return result;
}

/** One field check: the expected value, ours, and how to compare them. */
type Check = [field: string, expected: unknown, ours: unknown, kind: Kind];
type Kind = 'text' | 'html' | 'instant' | 'strings' | 'people' | 'enclosures' | 'url';

function runCase(parse: FeedParser, c: GofeedCase, result: SuiteResult): void {
  let feed: ParsedFeed | undefined;
  let error: unknown;
  try {
    feed = parse(c.body, { url: undefined });
  } catch (e) {
    error = e;
  }
  const checks = feed ? feedChecks(c.expected, feed, result) : [];
  if (!feed) {
    // Count what would have been compared as failed.
    const n = Math.max(1, countFields(c.expected));
    result.failed += n;
    result.failures.push({ file: c.file, expect: `${n} fields`, got: `threw ${String(error)}` });
    return;
  }
  for (const [field, expected, ours, kind] of checks) {
    if (same(expected, ours, kind)) result.passed++;
    else {
      result.failed++;
      result.failures.push({ file: c.file, expect: `${field} == ${JSON.stringify(expected)}`, got: ours === undefined ? 'nothing' : JSON.stringify(ours) });
    }
  }
}

function countFields(expected: Json): number {
  let n = 0;
  for (const [key, value] of Object.entries(expected)) {
    if (key === 'items') for (const item of value as Json[]) n += Object.keys(item).length;
    else n++;
  }
  return n;
}

function feedChecks(exp: Json, feed: ParsedFeed, result: SuiteResult): Check[] {
  const checks: Check[] = [];
  for (const [key, value] of Object.entries(exp)) {
    switch (key) {
      case 'feedType':
        checks.push(['feedType', value, feed.format === 'rdf' ? 'rss' : feed.format, 'text']);
        break;
      case 'feedVersion':
        checks.push(['feedVersion', value, GOFEED_VERSION[feed.version] ?? feed.version, 'text']);
        break;
      case 'title':
        checks.push(['title', value, feed.title, feed.titleType === 'text' ? 'text' : 'html']);
        break;
      case 'description':
        checks.push(['description', value, feed.description, feed.descriptionType === 'text' ? 'text' : 'html']);
        break;
      case 'link':
        checks.push(['link', value, feed.siteUrl, 'url']);
        break;
      case 'feedLink':
        checks.push(['feedLink', value, feed.feedUrl, 'url']);
        break;
      case 'links':
        checks.push(['links', value, feed.links?.map((l) => l.href) ?? [feed.siteUrl, feed.feedUrl].filter(Boolean), 'strings']);
        break;
      case 'authors':
        checks.push(['authors', value, feed.authors, 'people']);
        break;
      case 'author': // gofeed's first author
        checks.push(['author', [value], feed.authors.slice(0, 1), 'people']);
        break;
      case 'language':
        checks.push(['language', value, feed.language, 'text']);
        break;
      case 'copyright':
        checks.push(['copyright', value, feed.rights, 'text']);
        break;
      case 'generator':
        checks.push(['generator', value, feed.generator, 'text']);
        break;
      case 'image':
        checks.push(['image.url', (value as Json).url, feed.image ?? feed.icon, 'url']);
        break;
      case 'categories':
        checks.push(['categories', value, feed.categories?.map(categoryName) ?? [], 'strings']);
        break;
      case 'updatedParsed':
        checks.push(['updatedParsed', value, feed.updated, 'instant']);
        break;
      case 'publishedParsed':
        checks.push(['publishedParsed', value, feed.published, 'instant']);
        break;
      case 'items': {
        const items = value as Json[];
        checks.push(['items.length', items.length, feed.entries.length, 'text']);
        items.forEach((item, i) => {
          const entry = feed.entries[i];
          if (entry) checks.push(...itemChecks(item, entry, `items[${i}]`, result));
        });
        break;
      }
      default:
        count(result.skipReasons, NOT_COMPARED[key] ?? `gofeed field ${key} has no counterpart in the model`);
        result.skipped++;
    }
  }
  return checks;
}

function itemChecks(exp: Json, entry: Entry, at: string, result: SuiteResult): Check[] {
  const checks: Check[] = [];
  for (const [key, value] of Object.entries(exp)) {
    const field = `${at}.${key}`;
    switch (key) {
      case 'title':
        checks.push([field, value, entry.title, entry.titleType === 'text' ? 'text' : 'html']);
        break;
      case 'description':
        checks.push([field, value, entry.summary, entry.summaryType === 'text' ? 'text' : 'html']);
        break;
      case 'content':
        checks.push([field, value, entry.content, entry.contentType === 'text' ? 'text' : 'html']);
        break;
      case 'link':
        checks.push([field, value, entry.link, 'url']);
        break;
      case 'links':
        checks.push([field, value, entry.links?.filter((l) => l.rel !== 'enclosure').map((l) => l.href) ?? (entry.link ? [entry.link] : []), 'strings']);
        break;
      case 'guid':
        checks.push([field, value, entry.idFromFeed ? entry.id : undefined, 'text']);
        break;
      case 'authors':
        checks.push([field, value, entry.authors, 'people']);
        break;
      case 'author':
        checks.push([field, [value], entry.authors.slice(0, 1), 'people']);
        break;
      case 'updatedParsed':
        checks.push([field, value, entry.updated, 'instant']);
        break;
      case 'publishedParsed':
        checks.push([field, value, entry.published, 'instant']);
        break;
      case 'categories':
        checks.push([field, value, entry.categories.map(categoryName), 'strings']);
        break;
      case 'enclosures':
        checks.push([field, value, entry.enclosures, 'enclosures']);
        break;
      case 'image':
        checks.push([`${field}.url`, (value as Json).url, entry.image, 'url']);
        break;
      default:
        count(result.skipReasons, NOT_COMPARED[key] ?? `gofeed item field ${key} has no counterpart in the model`);
        result.skipped++;
    }
  }
  return checks;
}

function same(expected: unknown, ours: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'text':
      return typeof ours === typeof expected ? (typeof ours === 'string' ? ours.trim() === (expected as string).trim() : ours === expected) : false;
    case 'url':
      return typeof ours === 'string' && typeof expected === 'string' && sameUrl(ours, expected);
    case 'html': {
      if (typeof ours !== 'string' || typeof expected !== 'string') return false;
      if (ours.trim() === expected.trim()) return true;
      return normalizeHtml(ours.trim()) === normalizeHtml(expected.trim());
    }
    case 'instant':
      return ours instanceof Date && typeof expected === 'string' && ours.getTime() === Date.parse(expected);
    case 'strings': {
      const a = (ours as (string | undefined)[]).filter((s): s is string => s !== undefined);
      const b = expected as string[];
      return a.length === b.length && a.every((s, i) => sameUrl(s.trim(), b[i].trim()));
    }
    case 'people': {
      const a = ours as Person[];
      const b = expected as Json[];
      return a.length === b.length && a.every((p, i) => (b[i].name ?? undefined) === p.name && (b[i].email ?? undefined) === p.email);
    }
    case 'enclosures': {
      const a = ours as Entry['enclosures'];
      const b = expected as Json[];
      return (
        a.length === b.length &&
        a.every((e, i) => sameUrl(e.url, String(b[i].url)) && (b[i].type ?? undefined) === e.type && (b[i].length === undefined ? e.length === undefined : Number(b[i].length) === e.length))
      );
    }
  }
}

/** gofeed names a category by its label when it has one (Atom), else by its term. */
function categoryName(c: Category): string {
  return c.label ?? c.term;
}

/** URLs compared as parsed, so "http://x.org" and "http://x.org/" agree. */
function sameUrl(a: string, b: string): boolean {
  if (a === b) return true;
  const x = URL.parse(a);
  const y = URL.parse(b);
  return x !== null && y !== null && x.href === y.href;
}
