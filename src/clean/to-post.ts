// Entry → Post: the one place where an entry as published becomes a post the rest of Sluice can
// trust — safe HTML, plain text, a canonical URL and a fingerprint.
import type { Enclosure, Entry, Person, TextType } from '../parse/entry.ts';
import type { Post } from './post.ts';
import { sanitizeHtml } from './sanitize.ts';
import { htmlToText, plainTitle } from './text.ts';
import { canonicalUrl } from './canonical-url.ts';
import { resolveSafeUrl } from './safe-url.ts';
import { simhash } from './simhash.ts';
import { snippet } from './snippet.ts';
import type { FullText } from './fulltext.ts';

/** The feed an entry came from, as far as cleaning needs it. */
export interface FeedContext {
  /** The URL the feed document was fetched from (after redirects). */
  url: string;
  /** The website the feed belongs to. */
  siteUrl?: string;
}

/** Length of the title made from the text when an entry has none. */
const UNTITLED_SNIPPET_CHARS = 80;

export function toPost(entry: Entry, feed: FeedContext): Post {
  // Relative links in an entry resolve against its xml:base when it has one, else the document.
  const documentBase = entry.baseUrl ?? feed.url;
  const link = entry.link === undefined ? undefined : resolveSafeUrl(entry.link, 'link', documentBase);
  const webLink = link !== undefined && /^https?:/.test(link) ? link : undefined;

  const body = fullerBody(entry);
  const contentHtml = sanitizeHtml(body.html, contentBase(entry, body.field, webLink, feed));
  const text = htmlToText(contentHtml);
  const title = entry.title === undefined ? '' : plainTitle(entry.title, entry.titleType);
  const image = entry.image === undefined ? undefined : resolveSafeUrl(entry.image, 'image', documentBase);
  const commentsUrl = entry.commentsUrl === undefined ? undefined : resolveSafeUrl(entry.commentsUrl, 'resource', documentBase);

  const post: Post = {
    entryId: entry.id,
    url: webLink === undefined ? undefined : canonicalUrl(webLink),
    link: webLink,
    title: title !== '' ? title : snippet(text, UNTITLED_SNIPPET_CHARS),
    authors: entry.authors.map((person) => safePerson(person, documentBase)),
    published: entry.published ?? entry.updated,
    updated: entry.updated,
    contentHtml,
    text,
    language: (body.field === undefined ? undefined : entry.textContext?.[body.field]?.language) ?? entry.language,
    categories: entry.categories,
    enclosures: safeEnclosures(entry.enclosures, documentBase),
    // Titles only when there is no body: two posts with one body and different headlines are one story.
    simhash: simhash(text !== '' ? text : title),
  };
  if (image !== undefined) post.image = image;
  if (commentsUrl !== undefined) post.commentsUrl = commentsUrl;
  return post;
}

/**
 * What relative URLs in the body resolve against: an xml:base stated for the body or the entry;
 * otherwise the entry's own page, since the HTML was written for it (a feed served from another
 * host, e.g. FeedBurner, would send "/img/a.png" to the wrong site); otherwise the feed document.
 */
function contentBase(entry: Entry, field: BodyField | undefined, webLink: string | undefined, feed: FeedContext): string {
  const fieldBase = field === undefined ? undefined : entry.textContext?.[field]?.base;
  if (fieldBase !== undefined) return fieldBase;
  // The parser fills baseUrl with the document URL when there is no xml:base: that is no statement.
  const statedBase = entry.baseUrl !== undefined && !sameUrl(entry.baseUrl, feed.url) ? entry.baseUrl : undefined;
  return statedBase ?? webLink ?? feed.siteUrl ?? feed.url;
}

/**
 * The post with the article's full text (from extractFullText) as its body, when that says more than
 * the feed did. The fingerprint follows the body, so a summary-only feed's post still folds with the
 * same article from a full-content feed.
 */
export function withFullText(post: Post, article: FullText): Post {
  if (article.text.length <= post.text.length) return post;
  return { ...post, contentHtml: article.contentHtml, text: article.text, simhash: simhash(article.text) };
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

type BodyField = 'content' | 'summary';

/** The entry's content or summary as HTML, whichever says more (feeds put the full text in either). */
function fullerBody(entry: Entry): { html: string; field?: BodyField } {
  const content = entry.content === undefined ? '' : asHtml(entry.content, entry.contentType);
  const summary = entry.summary === undefined ? '' : asHtml(entry.summary, entry.summaryType);
  if (content === '' && summary === '') return { html: '' };
  if (summary === '') return { html: content, field: 'content' };
  if (content === '') return { html: summary, field: 'summary' };
  return htmlToText(content).length >= htmlToText(summary).length
    ? { html: content, field: 'content' }
    : { html: summary, field: 'summary' };
}

/** Plain-text constructs become HTML paragraphs; HTML and XHTML are HTML already. */
function asHtml(value: string, type: TextType | undefined): string {
  if (type !== 'text') return value;
  return value
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Person URIs are rendered as links, so they get the same scheme check as links in content.
function safePerson(person: Person, base: string): Person {
  if (person.uri === undefined) return person;
  const { uri, ...rest } = person;
  const safeUri = resolveSafeUrl(uri, 'link', base);
  return safeUri === undefined ? rest : { ...rest, uri: safeUri };
}

// Enclosures become download links and media players: absolute http(s) only.
function safeEnclosures(enclosures: Enclosure[], base: string): Enclosure[] {
  const safe: Enclosure[] = [];
  for (const enclosure of enclosures) {
    const url = resolveSafeUrl(enclosure.url, 'resource', base);
    if (url !== undefined) safe.push({ ...enclosure, url });
  }
  return safe;
}
