// Plain text from feed HTML, for scoring, snippets and near-duplicate fingerprints. This runs on every
// post, so it streams through htmlparser2's tokenizer instead of building a DOM.
import { Parser } from 'htmlparser2';
import type { TextType } from '../parse/entry.ts';
import { nestingExceeds, stripTags } from './nesting.ts';
import { impliesClose, readSimpleTag, SIMPLE_VOID_TAGS } from './simple-markup.ts';

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
  const open: string[] = [];
  let text = '';
  let inPre = 0;
  let textStart = 0;
  let i = 0;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === 0x26) {
      // "&": the references sanitized text and attributes use; others go to the parser's decoder.
      const decoded = html.startsWith('&amp;', i) ? '&' : html.startsWith('&lt;', i) ? '<' : html.startsWith('&gt;', i) ? '>' : html.startsWith('&quot;', i) ? '"' : undefined;
      if (decoded === undefined) return undefined;
      text += textOf(html.slice(textStart, i), inPre) + decoded;
      i = textStart = i + (decoded === '"' ? 6 : decoded === '&' ? 5 : 4);
      continue;
    }
    if (c === 0) return undefined;
    if (c !== 0x3c) {
      i++;
      continue;
    }
    const tag = readSimpleTag(html, i);
    if (tag === undefined) return undefined;
    text += textOf(html.slice(textStart, i), inPre);
    const name = tag.name;
    if (tag.closing) {
      if (open.length === 0 || open[open.length - 1] !== name) return undefined;
      open.pop();
    } else {
      if (impliesClose(name, open[open.length - 1])) return undefined;
      if (SIMPLE_VOID_TAGS.has(name)) text += separatorOf(name); // opened and closed at once
      else open.push(name);
    }
    if (name === 'pre') inPre += tag.closing ? -1 : 1;
    text += separatorOf(name);
    i = textStart = tag.end;
  }
  if (open.length > 0) return undefined;
  return text + textOf(html.slice(textStart), inPre);
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

/**
 * The text with invisible characters (zero-width space, BOM, soft hyphen) removed, every run of
 * spaces (any Unicode space but a line break) collapsed to one, lines trimmed, CR and CRLF read as
 * line breaks, and empty lines dropped. One scan that copies runs of visible characters: it runs on
 * every post's text and title.
 */
function tidyLines(text: string): string {
  let out = '';
  let runStart = -1;
  let lineHasText = false;
  let spaceBefore = false;
  let breakBefore = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x200b || c === 0xfeff || c === 0xad) {
      // Invisible: gone before spaces are collapsed, so "a\u200b b" is "a b".
      if (runStart !== -1) out += text.slice(runStart, i);
      runStart = -1;
    } else if (c === 0x0a || c === 0x0d) {
      if (runStart !== -1) out += text.slice(runStart, i);
      runStart = -1;
      if (lineHasText) breakBefore = true;
      lineHasText = false;
      spaceBefore = false;
    } else if (isSpace(c)) {
      // A single space between words stays inside the run: most text needs no copying at all.
      if (c === 0x20 && runStart !== -1 && i + 1 < length && isVisible(text.charCodeAt(i + 1))) continue;
      if (runStart !== -1) out += text.slice(runStart, i);
      runStart = -1;
      if (lineHasText) spaceBefore = true;
    } else if (runStart === -1) {
      if (breakBefore) out += '\n';
      else if (spaceBefore) out += ' ';
      breakBefore = false;
      spaceBefore = false;
      lineHasText = true;
      runStart = i;
    }
  }
  if (runStart !== -1) out += runStart === 0 ? text : text.slice(runStart);
  return out;
}

function isVisible(c: number): boolean {
  return c !== 0x0a && c !== 0x0d && c !== 0x200b && c !== 0xfeff && c !== 0xad && !isSpace(c);
}

// What /\s/ matches, less the line breaks \n and \r (and U+FEFF, which tidyLines removes as invisible).
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000
  );
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
