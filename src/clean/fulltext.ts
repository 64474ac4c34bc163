// Full-text extraction for feeds that publish only a teaser: find the article in its web page with
// Mozilla's Readability (Firefox Reader View) on a linkedom DOM. Readability removes clutter, not
// danger — its output goes through sanitizeHtml like any feed content. (Never DOMPurify on linkedom:
// it returns its input unsanitized there.)
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { sanitizeHtml } from './sanitize.ts';
import { htmlToText, plainTitle } from './text.ts';
import { nestingExceeds } from './nesting.ts';

export interface FullText {
  /** The article's headline as the page gives it, when it has one. */
  title?: string;
  /** Sanitized article HTML, URLs absolute. */
  contentHtml: string;
  /** Plain text of contentHtml. */
  text: string;
}

/** Readability threw on a page: the URL says which page, `cause` says why. */
export class FullTextExtractionError extends Error {
  readonly url: string;
  constructor(url: string, cause: unknown) {
    super(`full-text extraction failed for ${url}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'FullTextExtractionError';
    this.url = url;
  }
}

/**
 * The main article of a web page fetched from `url`, or undefined when Readability finds none
 * (an index page, a login wall, a page too short to be an article).
 */
export function extractFullText(html: string, url: string): FullText | undefined {
  // No article is nested this deep; parsing it would cost seconds and overflow Readability's recursion.
  if (nestingExceeds(html)) return undefined;
  let article: ReturnType<Readability['parse']>;
  let base: string;
  try {
    const { document } = parseHTML(html);
    // Nothing linkedom could build a document from (an empty body, a bare text file): no article.
    if (!document.documentElement) return undefined;
    base = pageBase(document.querySelector('base[href]')?.getAttribute('href') ?? undefined, url);
    // linkedom's Document is close enough to the DOM's for Readability, not identical in its types.
    article = new Readability(document as unknown as Document).parse();
  } catch (err) {
    throw new FullTextExtractionError(url, err);
  }
  if (!article?.content) return undefined;
  const contentHtml = sanitizeHtml(article.content, base);
  const text = htmlToText(contentHtml);
  if (text === '') return undefined;
  const title = article.title ? plainTitle(article.title, 'text') : '';
  return title === '' ? { contentHtml, text } : { title, contentHtml, text };
}

// Relative URLs in the page resolve against its <base href> when it has a usable one.
function pageBase(baseHref: string | undefined, url: string): string {
  if (baseHref === undefined) return url;
  try {
    const resolved = new URL(baseHref, url);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : url;
  } catch {
    return url;
  }
}
