// Plain text from feed HTML, for scoring, snippets and near-duplicate fingerprints. This runs on every
// post, so it streams through htmlparser2's tokenizer instead of building a DOM.
import { Parser } from 'htmlparser2';
import type { TextType } from '../parse/entry.ts';
import { nestingExceeds, stripTags } from './nesting.ts';

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

// Characters that are in the markup but not in the words: zero-width space, BOM, soft hyphen.
const INVISIBLE = /[\u200b\ufeff\u00ad]/g;
// Every kind of space except the line break this function uses to separate blocks.
const SPACES = /[^\S\n]+/g;

/**
 * The text of an HTML fragment: entities decoded, script/style content dropped, one line per block
 * (paragraph, heading, list item, row), spaces collapsed, no empty lines.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  const parser = new Parser(
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
  // Hostile nesting would take the parser seconds (see nesting.ts): read it as flat text.
  parser.end(nestingExceeds(html) ? stripTags(html) : html);
  return tidyLines(parts.join(''));
}

/** The text with invisible characters removed, spaces collapsed, lines trimmed and empty lines dropped. */
function tidyLines(text: string): string {
  const lines: string[] = [];
  for (const line of text.replace(INVISIBLE, '').replace(/\r\n?/g, '\n').split('\n')) {
    const tidy = line.replace(SPACES, ' ').trim();
    if (tidy !== '') lines.push(tidy);
  }
  return lines.join('\n');
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
