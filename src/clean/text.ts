// Plain text from feed HTML, for scoring, snippets and near-duplicate fingerprints. This runs on every
// post, so it streams through htmlparser2's tokenizer instead of building a DOM.
import { Parser } from 'htmlparser2';
import type { TextType } from '../parse/entry.ts';
import { nestingExceeds, stripTags } from './nesting.ts';
import { impliesClose, readReference, readSimpleTag, SIMPLE_VOID_TAGS } from './simple-markup.ts';

// Elements that end a line of text: a paragraph, a list item, a table row...
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot',
  'tr', 'ul', 'video', 'audio', 'picture',
]);

// Elements that separate words without ending the line (`<td>a</td><td>b</td>` is "a b", not "ab").
const SPACED_ELEMENTS = new Set(['td', 'th', 'img', 'iframe', 'source', 'wbr']);

// Elements whose content is not prose: code to run, styles, fallbacks, metadata, foreign markup.
const SKIPPED_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'embed', 'svg',
  'math', 'select', 'textarea', 'button',
]);

/**
 * The text of an HTML fragment: entities decoded, script/style content dropped, one line per block
 * (paragraph, heading, list item, row), spaces collapsed, no empty lines.
 */
export function htmlToText(html: string): string {
  // Deeply nested markup is read as flat text (below), simple or not.
  const simple = nestingExceeds(html) ? undefined : simpleMarkupText(html);
  return simple !== undefined ? tidyLines(simple) : htmlToTextFullParse(html);
}

/** htmlToText without the simple-markup fast path, which must agree with it (simple-markup.test.ts). */
export function htmlToTextFullParse(html: string): string {
  parts = [];
  skipDepth = 0;
  preDepth = 0;
  // One parser for every call (it runs on every post, often more than once): reset, not rebuilt.
  textParser.reset();
  // Hostile nesting would take the parser seconds (see nesting.ts): read it as flat text.
  textParser.end(nestingExceeds(html) ? stripTags(html) : html);
  const text = parts.join('');
  parts = [];
  return tidyLines(text);
}

/**
 * What the parser callbacks below collect from simple markup (see simple-markup.ts), in one scan
 * without the parser; undefined when the markup is not simple. Sanitized posts mostly are.
 */
function simpleMarkupText(html: string): string | undefined {
  if (html.includes('\0')) return undefined;
  const open: string[] = [];
  // Pieces joined at the end: a flat string, which tidyLines reads much faster than a rope.
  const text: string[] = [];
  let inPre = 0;
  let textStart = 0;
  let nextTag = html.indexOf('<');
  let nextReference = html.indexOf('&');
  while (nextTag !== -1 || nextReference !== -1) {
    if (nextReference !== -1 && (nextTag === -1 || nextReference < nextTag)) {
      const ref = readReference(html, nextReference);
      if (ref === undefined) return undefined;
      text.push(textOf(html.slice(textStart, nextReference), inPre), ref.text);
      textStart = ref.end;
      nextReference = html.indexOf('&', textStart);
      continue;
    }
    const tag = readSimpleTag(html, nextTag);
    if (tag === undefined) return undefined;
    text.push(textOf(html.slice(textStart, nextTag), inPre));
    const name = tag.name;
    if (tag.closing) {
      if (open.length === 0 || open[open.length - 1] !== name) return undefined;
      open.pop();
    } else {
      if (impliesClose(name, open[open.length - 1])) return undefined;
      if (SIMPLE_VOID_TAGS.has(name)) text.push(separatorOf(name)); // opened and closed at once
      else open.push(name);
    }
    if (name === 'pre') inPre += tag.closing ? -1 : 1;
    text.push(separatorOf(name));
    textStart = tag.end;
    nextTag = html.indexOf('<', textStart);
    // A reference inside the tag (an attribute value) is not text.
    if (nextReference !== -1 && nextReference < textStart) nextReference = html.indexOf('&', textStart);
  }
  if (open.length > 0) return undefined;
  text.push(textOf(html.slice(textStart), inPre));
  return text.join('');
}

function textOf(text: string, inPre: number): string {
  // Outside <pre> a line break in the source is just a space.
  return inPre > 0 || !text.includes('\n') ? text : text.replace(/\n/g, ' ');
}

function separatorOf(name: string): string {
  return BLOCK_ELEMENTS.has(name) ? '\n' : SPACED_ELEMENTS.has(name) ? ' ' : '';
}

// State of the htmlToText call in progress (the parser's callbacks run synchronously within it).
let parts: string[] = [];
let skipDepth = 0;
let preDepth = 0;

const textParser = new Parser(
  {
    onopentag(name) {
      if (SKIPPED_ELEMENTS.has(name)) skipDepth++;
      if (name === 'pre') preDepth++;
      if (BLOCK_ELEMENTS.has(name)) parts.push('\n');
      else if (SPACED_ELEMENTS.has(name)) parts.push(' ');
    },
    ontext(text) {
      if (skipDepth > 0) return;
      // Outside <pre> a line break in the source is just a space.
      parts.push(preDepth > 0 ? text : text.replace(/\n/g, ' '));
    },
    onclosetag(name) {
      if (SKIPPED_ELEMENTS.has(name)) skipDepth = Math.max(0, skipDepth - 1);
      if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
      if (BLOCK_ELEMENTS.has(name)) parts.push('\n');
      else if (SPACED_ELEMENTS.has(name)) parts.push(' ');
    },
  },
  { decodeEntities: true },
);

// Characters that are in the markup but not in the words: zero-width space, BOM, soft hyphen.
const INVISIBLE = /[\u200b\ufeff\u00ad]/g;
const HAS_INVISIBLE = /[\u200b\ufeff\u00ad]/;
// Spaces other than the plain one (line breaks aside), or two in a row: what collapsing changes.
const UNUSUAL_SPACES = /[^\S\n ]| {2}/;
// Every kind of space except the line break this function uses to separate blocks.
const SPACES = /[^\S\n]+/g;
// A line break with the spaces around it and the empty lines after it.
const LINE_BREAK = / ?\n[ \n]*/g;

/**
 * The text with invisible characters removed, spaces collapsed, lines trimmed and empty lines
 * dropped. Whole-string regex passes, each skipped when it has nothing to do: this runs on every
 * post's text and title, and most text only has its block breaks to tidy.
 */
function tidyLines(text: string): string {
  let tidy = text;
  if (HAS_INVISIBLE.test(tidy)) tidy = tidy.replace(INVISIBLE, '');
  if (tidy.includes('\r')) tidy = tidy.replace(/\r\n?/g, '\n');
  if (UNUSUAL_SPACES.test(tidy)) tidy = tidy.replace(SPACES, ' ');
  // Only single spaces and line breaks are left: one break between lines, no space at either end of one.
  if (tidy.includes('\n')) tidy = tidy.replace(LINE_BREAK, '\n');
  let start = 0;
  let end = tidy.length;
  while (start < end && isBlank(tidy.charCodeAt(start))) start++;
  while (end > start && isBlank(tidy.charCodeAt(end - 1))) end--;
  return start === 0 && end === tidy.length ? tidy : tidy.slice(start, end);
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a;
}

// Markup a title needs decoding for: a tag, or a character reference.
const LOOKS_LIKE_HTML = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]+);/i;

/**
 * A title as one line of plain text. `type` is what the feed declared: HTML and XHTML titles are
 * decoded, text titles kept literally (Atom `type="text"` means `<b>` is four characters). Without a
 * declaration (most RSS), a title that looks like HTML is decoded as HTML — feeds often put
 * `&amp;amp;`-style entities and inline tags in titles.
 */
export function plainTitle(title: string, type?: TextType): string {
  const isHtml = type === 'html' || type === 'xhtml' || (type === undefined && LOOKS_LIKE_HTML.test(title));
  const text = isHtml ? htmlToText(title) : tidyLines(title);
  return text.replace(/\n/g, ' ');
}
