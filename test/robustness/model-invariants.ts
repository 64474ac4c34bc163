// What every ParsedFeed must satisfy whatever the input: the types the model promises, held at run time
// (hostile input must not leak a number where a string is promised, or an Invalid Date), and an id on
// every entry. Returns problems as sentences naming the field, empty when all hold.
import type { Entry, ParsedFeed, Person } from '../../src/parse/entry.ts';

const formats = new Set(['rss', 'rdf', 'atom', 'json']);
const textTypes = new Set(['text', 'html', 'xhtml']);

export function modelProblems(feed: ParsedFeed): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(formats.has(feed.format), `format is ${JSON.stringify(feed.format)}`);
  check(typeof feed.version === 'string', `version is ${typeof feed.version}`);
  check(typeof feed.encoding === 'string' && feed.encoding !== '', `encoding is ${JSON.stringify(feed.encoding)}`);
  for (const key of ['title', 'siteUrl', 'feedUrl', 'description', 'language', 'image', 'icon'] as const) {
    check(optionalString(feed[key]), `feed.${key} is ${typeof feed[key]}`);
  }
  check(feed.titleType === undefined || textTypes.has(feed.titleType), `feed.titleType is ${feed.titleType}`);
  check(optionalDate(feed.updated), `feed.updated is ${describeDate(feed.updated)}`);
  check(
    feed.ttlMinutes === undefined || (typeof feed.ttlMinutes === 'number' && Number.isFinite(feed.ttlMinutes)),
    `feed.ttlMinutes is ${feed.ttlMinutes}`,
  );
  problems.push(...peopleProblems(feed.authors, 'feed.authors'));
  check(
    Array.isArray(feed.issues) && feed.issues.every((i) => typeof i?.message === 'string'),
    'issues is not a list of {message}',
  );
  if (!Array.isArray(feed.entries)) return [...problems, 'entries is not an array'];
  feed.entries.forEach((entry, i) => problems.push(...entryProblems(entry, `entries[${i}]`)));
  return problems;
}

function entryProblems(entry: Entry, at: string): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${at}.${what}`);
  };
  check(typeof entry.id === 'string' && entry.id.trim() !== '', `id is ${JSON.stringify(entry.id)}`);
  check(typeof entry.idFromFeed === 'boolean', `idFromFeed is ${typeof entry.idFromFeed}`);
  for (const key of ['link', 'title', 'summary', 'content', 'language', 'baseUrl'] as const) {
    check(optionalString(entry[key]), `${key} is ${typeof entry[key]}`);
  }
  for (const key of ['titleType', 'summaryType', 'contentType'] as const) {
    check(entry[key] === undefined || textTypes.has(entry[key]), `${key} is ${JSON.stringify(entry[key])}`);
  }
  check(optionalDate(entry.published), `published is ${describeDate(entry.published)}`);
  check(optionalDate(entry.updated), `updated is ${describeDate(entry.updated)}`);
  problems.push(...peopleProblems(entry.authors, `${at}.authors`));
  if (!Array.isArray(entry.categories)) problems.push(`${at}.categories is not an array`);
  else
    entry.categories.forEach((c, i) =>
      check(
        typeof c?.term === 'string' && optionalString(c.scheme) && optionalString(c.label),
        `categories[${i}] is ${JSON.stringify(c)}`,
      ),
    );
  if (!Array.isArray(entry.enclosures)) problems.push(`${at}.enclosures is not an array`);
  else
    entry.enclosures.forEach((e, i) =>
      check(
        typeof e?.url === 'string' &&
          e.url !== '' &&
          optionalString(e.type) &&
          (e.length === undefined || (typeof e.length === 'number' && Number.isFinite(e.length) && e.length >= 0)),
        `enclosures[${i}] is ${JSON.stringify(e)}`,
      ),
    );
  if (entry.source !== undefined) {
    check(
      typeof entry.source === 'object' && optionalString(entry.source.title) && optionalString(entry.source.url),
      `source is ${JSON.stringify(entry.source)}`,
    );
  }
  return problems;
}

function peopleProblems(people: Person[], at: string): string[] {
  if (!Array.isArray(people)) return [`${at} is not an array`];
  return people.flatMap((p, i) =>
    p && typeof p === 'object' && optionalString(p.name) && optionalString(p.email) && optionalString(p.uri)
      ? []
      : [`${at}[${i}] is ${JSON.stringify(p)}`],
  );
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function optionalDate(value: unknown): boolean {
  return value === undefined || (value instanceof Date && !Number.isNaN(value.getTime()));
}

function describeDate(value: unknown): string {
  return value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()) : typeof value;
}
